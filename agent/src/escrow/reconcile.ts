// Bringing the server's copy in line with the disks: deliver what the spool holds, escrow every
// recovery-password protector the agent has not yet seen confirmed, and (when `full`) every one of them
// again: the server answers 200 when its copy is identical (proof the stored key matches the disk) and
// 201 when it had lost it.
import type { Volume } from '../platform/platform';
import { protectorKey, type CycleContext } from '../service/context';
import { escrowProtector } from './escrow';

/** Volumes whose recovery passwords policy wants escrowed: OS and fixed drives, removable ones when users may apply BitLocker. */
export function escrowable(ctx: CycleContext, volume: Volume): boolean {
  if (!ctx.policy.escrow.enabled || volume.locked) return false;
  return volume.driveType !== 'RemovableData' || ctx.policy.removable.allowApply;
}

export const recoveryPasswordIds = (volume: Volume): string[] =>
  volume.keyProtectors.filter((p) => p.type === 'NumericalPassword').map((p) => p.id);

export async function deliverSpool(ctx: CycleContext, volumes: readonly Volume[]): Promise<void> {
  for (const entry of [...ctx.spool.list()]) {
    if (ctx.offline) return;
    const volume = volumes.find((v) => v.volumeId === entry.volumeId);
    if (!volume || volume.locked) continue; // a removable drive that is not inserted: deliver when it is
    if (!volume.keyProtectors.some((p) => p.id === entry.keyProtectorId)) {
      await ctx.spool.remove(entry.volumeId, entry.keyProtectorId);
      ctx.log.warn(
        'spool.dropped',
        `Protector ${entry.keyProtectorId} is no longer on ${volume.mountPoint}; its pending escrow is dropped (it unlocks nothing now).`,
        { volumeId: volume.volumeId },
      );
      continue;
    }
    await escrowProtector(ctx, { ...volume, keyProtectorId: entry.keyProtectorId }, entry.reason);
  }
}

/** Escrows the protectors in `known` only when `full`; otherwise only the ones never confirmed. */
export async function reconcile(
  ctx: CycleContext,
  volumes: readonly Volume[],
  known: ReadonlySet<string>,
  full: boolean,
): Promise<void> {
  for (const volume of volumes) {
    if (!escrowable(ctx, volume)) continue;
    for (const id of recoveryPasswordIds(volume)) {
      if (ctx.offline) return;
      if (!full && known.has(protectorKey(volume.volumeId, id))) continue;
      await escrowProtector(ctx, { ...volume, keyProtectorId: id }, 'reconcile');
    }
  }
}
