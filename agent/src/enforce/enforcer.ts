// Carries out a volume's plan. Adding a recovery password is followed at once by its escrow; every other
// step (a protector change, starting or resuming encryption) runs only when every recovery password of the
// volume is confirmed escrowed in this cycle, and the first step that fails ends the volume's plan.
import { describeError } from '../errors';
import type { Volume } from '../platform/platform';
import { escrowProtector } from '../escrow/escrow';
import { recoveryPasswordIds } from '../escrow/reconcile';
import { InjectedCrash, protectorKey, type CycleContext } from '../service/context';
import type { Plan, Step } from './plan';

export async function carryOut(ctx: CycleContext, volume: Volume, plan: Plan): Promise<void> {
  const passwords = recoveryPasswordIds(volume);
  for (const step of plan.steps) {
    try {
      if (step.kind === 'add-recovery-password') {
        const id = await ctx.platform.addRecoveryPasswordProtector(volume.volumeId);
        ctx.log.info(
          'enforce.protector_added',
          `Added recovery password protector ${id} to ${volume.mountPoint}.`,
          { volumeId: volume.volumeId },
        );
        passwords.push(id);
        const outcome = await escrowProtector(ctx, { ...volume, keyProtectorId: id }, 'enforce');
        if (outcome !== 'escrowed') return stop(ctx, volume, step, `its escrow is ${outcome}`);
        continue;
      }
      for (const id of passwords) {
        const outcome = await escrowProtector(ctx, { ...volume, keyProtectorId: id }, 'enforce');
        if (outcome !== 'escrowed')
          return stop(ctx, volume, step, `the escrow of protector ${id} is ${outcome}`);
      }
      if (
        passwords.length === 0 ||
        !passwords.every((id) => ctx.escrowed.has(protectorKey(volume.volumeId, id)))
      )
        return stop(ctx, volume, step, 'the volume has no escrowed recovery password');
      await run(ctx, volume, step);
    } catch (err) {
      if (err instanceof InjectedCrash) throw err;
      ctx.log.error(
        'enforce.failed',
        `Could not ${step.kind} on ${volume.mountPoint}: ${describeError(err)}`,
        { volumeId: volume.volumeId },
      );
      return;
    }
  }
}

async function run(
  ctx: CycleContext,
  volume: Volume,
  step: Exclude<Step, { kind: 'add-recovery-password' }>,
): Promise<void> {
  const p = ctx.platform;
  const id = volume.volumeId;
  switch (step.kind) {
    case 'add-tpm-protector':
      await p.addTpmProtector(id);
      break;
    case 'enable-auto-unlock':
      await p.enableAutoUnlock(id);
      break;
    case 'start-encryption':
      await p.startEncryption(id, { method: step.method, usedSpaceOnly: step.usedSpaceOnly });
      ctx.log.info(
        'enforce.started',
        `Started encrypting ${volume.mountPoint} (${step.method}${step.usedSpaceOnly ? ', used space only' : ''}) after its recovery password was escrowed.`,
        { volumeId: id },
      );
      return;
    case 'resume-encryption':
      await p.resumeEncryption(id);
      break;
    case 'resume-protection':
      await p.resumeProtection(id);
      break;
  }
  ctx.log.info('enforce.step', `${step.kind} on ${volume.mountPoint}.`, { volumeId: id });
}

function stop(ctx: CycleContext, volume: Volume, step: Step, why: string): void {
  ctx.log.warn('enforce.waiting', `Not going on with ${step.kind} on ${volume.mountPoint}: ${why}.`, {
    volumeId: volume.volumeId,
  });
}
