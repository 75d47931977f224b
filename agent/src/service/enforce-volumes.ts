// Compliance bookkeeping and enforcement for every volume present: the first time a volume is seen
// non-compliant starts its grace period; each volume's plan is then carried out.
import { carryOut } from '../enforce/enforcer';
import { planVolume } from '../enforce/plan';
import { escrowable } from '../escrow/reconcile';
import type { TpmState } from '../platform/platform';
import { evaluateVolume } from '../policy/compliance';
import { drivePolicy } from '../policy/effective-policy';
import type { AgentState } from './agent-state';
import type { CycleContext } from './context';

export async function evaluateAndEnforce(
  ctx: CycleContext,
  state: AgentState,
  afterStart: boolean,
): Promise<{ tpm: TpmState }> {
  const [volumes, tpm, users] = await Promise.all([
    ctx.platform.getVolumes(),
    ctx.platform.getTpm(),
    ctx.platform.getLoggedOnUsers(),
  ]);
  state.usersSeen = [...new Set([...state.usersSeen, ...users.map((u) => u.name)])].slice(-256);
  const now = ctx.now();
  const osVolume = volumes.find((v) => v.driveType === 'OperatingSystem');
  // User exemption is per user: the computer is exempt only while every user who logs on is (mbam-policies.md §4).
  const usersExempt = users.length > 0 && users.every((u) => u.exempt);
  const remoteSession = users.some((u) => u.session === 'remote');

  for (const volume of volumes) {
    if (volume.locked) continue;
    const { compliant } = evaluateVolume(volume, { policy: ctx.policy, tpm, osVolume });
    if (compliant) delete state.noncompliantSince[volume.volumeId];
    else state.noncompliantSince[volume.volumeId] ??= now.toISOString();
    const plan = planVolume({
      volume,
      policy: ctx.policy,
      tpm,
      osVolume,
      now,
      noncompliantSince: new Date(state.noncompliantSince[volume.volumeId] ?? now.toISOString()),
      usersExempt,
      remoteSession,
      afterStart,
      escrowable: escrowable(ctx, volume),
    });
    if (plan.waiting && drivePolicy(ctx.policy, volume.driveType).encrypt === true)
      ctx.log.info('enforce.waiting', `${volume.mountPoint} is not encrypted yet: ${plan.waiting}.`, {
        volumeId: volume.volumeId,
      });
    if (plan.steps.length > 0) await carryOut(ctx, volume, plan);
  }
  return { tpm };
}
