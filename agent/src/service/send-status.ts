// The status report: sent when due (the policy's frequency, or sooner if the server asks), or when what
// the agent would report has changed; the answer names the disclosed protectors to rotate. Ids in the
// answer that are not GUIDs are logged and never acted on.
import { isGuid, normalizeGuid } from '@openmbam/server/protocol';
import { ServerError, describeError } from '../errors';
import type { TpmState } from '../platform/platform';
import { evaluateVolume, type Compliance } from '../policy/compliance';
import type { AgentState } from './agent-state';
import type { CycleContext } from './context';
import { buildStatusReport, reportHash } from './report';

export async function sendStatus(
  ctx: CycleContext,
  state: AgentState,
  options: { statusDue: boolean; tpm: TpmState; random: () => number },
): Promise<{ sent: boolean; rotate: string[] }> {
  const none = { sent: false, rotate: [] };
  if (!ctx.policy.statusReporting || ctx.offline || ctx.revoked) return none;
  const volumes = await ctx.platform.getVolumes();
  const osVolume = volumes.find((v) => v.driveType === 'OperatingSystem');
  const compliance = new Map<string, Compliance>(
    volumes.map((v) => [v.volumeId, evaluateVolume(v, { policy: ctx.policy, tpm: options.tpm, osVolume })]),
  );
  const report = buildStatusReport({
    volumes,
    compliance,
    tpm: options.tpm,
    users: state.usersSeen,
    policyHash: ctx.policy.hash,
  });
  const hash = reportHash(report);
  if (!options.statusDue && hash === state.lastReportHash) return none;
  try {
    const answer = await ctx.client.status(ctx.device, report);
    const now = ctx.now().getTime();
    const seconds = Math.min(ctx.policy.statusMinutes * 60, answer.nextReportSeconds);
    state.nextStatusAt = new Date(now + seconds * 1000 * (0.9 + 0.2 * options.random())).toISOString();
    state.lastReportHash = hash;
    state.usersSeen = [];
    const bad = answer.rotate.filter((id) => !isGuid(id));
    if (bad.length > 0)
      ctx.log.warn(
        'status.bad_rotate',
        `The server asked to rotate ids that are not GUIDs (${bad.slice(0, 3).join(', ')}); ignoring them.`,
      );
    ctx.log.info(
      'status.sent',
      `Reported ${report.volumes.length} volume(s); ${answer.rotate.length} protector(s) to rotate.`,
      { rotate: answer.rotate.length },
    );
    return { sent: true, rotate: answer.rotate.filter(isGuid).map(normalizeGuid) };
  } catch (err) {
    if (!(err instanceof ServerError)) throw err;
    if (err.retryable) ctx.offline = true;
    if (err.code === 'device_revoked') ctx.revoked = true;
    ctx.log[err.retryable ? 'warn' : 'error'](
      'status.failed',
      `Status report not delivered: ${describeError(err)}`,
    );
    return none;
  }
}
