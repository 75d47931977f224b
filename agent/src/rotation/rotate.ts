// Rotation of a disclosed recovery password (mbam-server.md §7): add a new recovery password, escrow it,
// delete the disclosed one, confirm to the server. Each step is journalled; a crash anywhere leaves the
// volume with an escrowed protector (the old one until the new one is escrowed) and the next cycle
// resumes where it stopped. The old protector is deleted only after the new one is re-read on the volume
// and confirmed escrowed in this cycle: on any doubt, nothing is deleted.
import { ServerError, describeError } from '../errors';
import type { Volume } from '../platform/platform';
import { escrowProtector } from '../escrow/escrow';
import { recoveryPasswordIds } from '../escrow/reconcile';
import { protectorKey, volumeOfProtectorKey, type CycleContext } from '../service/context';
import type { JournalEntry, RotationJournal } from './journal';

export type RotationOutcome = 'done' | 'pending';

export async function rotateProtector(
  ctx: CycleContext,
  journal: RotationJournal,
  oldId: string,
  known: ReadonlySet<string>,
): Promise<RotationOutcome> {
  const volumes = await ctx.platform.getVolumes();
  let entry = journal.get(oldId);
  const volumeId =
    entry?.volumeId ??
    volumes.find((v) => v.keyProtectors.some((p) => p.id === oldId))?.volumeId ??
    volumeOfKnown(known, oldId);
  const volume = volumes.find((v) => v.volumeId === volumeId);
  if (!volume || volume.locked) {
    ctx.log.info(
      'rotation.waiting',
      `Disclosed protector ${oldId} is on no unlocked volume present now; rotation waits for its drive.`,
    );
    return 'pending';
  }
  if (!entry) {
    if (!volume.keyProtectors.some((p) => p.id === oldId)) return confirm(ctx, journal, oldId); // already gone
    entry = {
      oldProtectorId: oldId,
      volumeId: volume.volumeId,
      step: 'started',
      before: volume.keyProtectors.map((p) => p.id),
      startedAt: ctx.now().toISOString(),
    };
    await journal.save(entry);
    ctx.log.info('rotation.started', `Rotating disclosed protector ${oldId} on ${volume.mountPoint}.`, {
      volumeId: volume.volumeId,
    });
    ctx.fault('rotation:after-start');
  }
  if (entry.step === 'started') entry = await addNew(ctx, journal, entry, volume);
  if (entry.step === 'added') {
    const newId = entry.newProtectorId ?? '';
    if (!(await present(ctx, volume.volumeId, newId))) return restart(ctx, journal, entry, volume);
    if ((await escrowProtector(ctx, { ...volume, keyProtectorId: newId }, 'rotation')) !== 'escrowed')
      return 'pending';
    ctx.fault('rotation:after-escrow');
    entry = { ...entry, step: 'escrowed' };
    await journal.save(entry);
    ctx.fault('rotation:after-escrow-journal');
  }
  if (entry.step === 'escrowed') {
    const newId = entry.newProtectorId ?? '';
    const current = await present(ctx, volume.volumeId, newId, oldId);
    if (!current) return restart(ctx, journal, entry, volume);
    if ((await escrowProtector(ctx, { ...volume, keyProtectorId: newId }, 'rotation')) !== 'escrowed')
      return 'pending';
    if (!ctx.escrowed.has(protectorKey(volume.volumeId, newId))) return 'pending';
    if (current.hasOld) await ctx.platform.deleteKeyProtector(volume.volumeId, oldId);
    ctx.fault('rotation:after-delete');
    entry = { ...entry, step: 'deleted' };
    await journal.save(entry);
    ctx.fault('rotation:after-delete-journal');
  }
  return confirm(ctx, journal, oldId);
}

async function addNew(
  ctx: CycleContext,
  journal: RotationJournal,
  entry: JournalEntry,
  volume: Volume,
): Promise<JournalEntry> {
  // A recovery password that appeared since rotation started was added by a run that crashed: adopt it.
  const adopted = recoveryPasswordIds(volume).find((id) => !entry.before.includes(id));
  const newId = adopted ?? (await ctx.platform.addRecoveryPasswordProtector(volume.volumeId));
  ctx.fault('rotation:after-add');
  const next: JournalEntry = { ...entry, step: 'added', newProtectorId: newId };
  await journal.save(next);
  ctx.log.info(
    'rotation.added',
    `${adopted ? 'Adopted' : 'Added'} recovery password protector ${newId} on ${volume.mountPoint} to replace ${entry.oldProtectorId}.`,
    { volumeId: volume.volumeId },
  );
  ctx.fault('rotation:after-add-journal');
  return next;
}

/** Re-reads the volume: is the new protector there, and is the old one still? */
async function present(
  ctx: CycleContext,
  volumeId: string,
  newId: string,
  oldId?: string,
): Promise<{ hasOld: boolean } | undefined> {
  const v = (await ctx.platform.getVolumes()).find((x) => x.volumeId === volumeId);
  if (!v || !v.keyProtectors.some((p) => p.id === newId && p.type === 'NumericalPassword')) return undefined;
  return { hasOld: oldId !== undefined && v.keyProtectors.some((p) => p.id === oldId) };
}

/** The new protector vanished (removed by a user): keep the old one and start the rotation over. */
async function restart(
  ctx: CycleContext,
  journal: RotationJournal,
  entry: JournalEntry,
  volume: Volume,
): Promise<RotationOutcome> {
  ctx.log.warn(
    'rotation.restarted',
    `New protector ${entry.newProtectorId ?? '?'} is no longer on ${volume.mountPoint}; keeping ${entry.oldProtectorId} and starting the rotation again next cycle.`,
    { volumeId: volume.volumeId },
  );
  const fresh = (await ctx.platform.getVolumes()).find((v) => v.volumeId === volume.volumeId);
  await journal.save({
    ...entry,
    step: 'started',
    before: (fresh ?? volume).keyProtectors.map((p) => p.id),
    newProtectorId: undefined,
  });
  return 'pending';
}

async function confirm(ctx: CycleContext, journal: RotationJournal, oldId: string): Promise<RotationOutcome> {
  if (ctx.offline || ctx.revoked) return 'pending';
  try {
    await ctx.client.rotated(ctx.device, oldId);
  } catch (err) {
    if (!(err instanceof ServerError) || err.retryable || err.code === 'device_revoked') {
      if (err instanceof ServerError && err.retryable) ctx.offline = true;
      ctx.log.warn(
        'rotation.unconfirmed',
        `Could not confirm the rotation of ${oldId} yet: ${describeError(err)}`,
      );
      return 'pending';
    }
    // 404/409: the server has no rotation of this id to confirm; the protector is gone all the same.
    ctx.log.warn('rotation.unconfirmed', `The server has no rotation of ${oldId} to confirm: ${err.message}`);
  }
  ctx.fault('rotation:after-confirm');
  await journal.remove(oldId);
  ctx.log.info(
    'rotation.done',
    `The disclosed recovery password ${oldId} is replaced and deleted; the server confirmed the rotation.`,
  );
  return 'done';
}

function volumeOfKnown(known: ReadonlySet<string>, protectorId: string): string | undefined {
  for (const k of known) {
    const volumeId = volumeOfProtectorKey(k);
    if (k === protectorKey(volumeId, protectorId)) return volumeId;
  }
  return undefined;
}
