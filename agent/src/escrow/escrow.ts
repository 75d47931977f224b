// Escrow of one protector: read its recovery password (and key package when policy asks) from the volume,
// send it, and record the server's confirmation for this cycle. A server that cannot be reached puts the
// protector in the spool and marks the cycle offline; a refusal is logged with its cause. The caller
// proceeds with a protector change or encryption only on `escrowed`.
import { checkRecoveryPassword, type DriveType, type EscrowRequest } from '@openmbam/server/protocol';
import { PlatformError, ServerError, describeError } from '../errors';
import { protectorKey, type CycleContext } from '../service/context';

export interface EscrowTarget {
  readonly volumeId: string;
  readonly driveType: DriveType;
  readonly mountPoint?: string;
  readonly keyProtectorId: string;
}

export type EscrowReason = 'enforce' | 'rotation' | 'reconcile';
export type EscrowOutcome = 'escrowed' | 'spooled' | 'refused' | 'unreadable';

export async function escrowProtector(
  ctx: CycleContext,
  target: EscrowTarget,
  reason: EscrowReason,
): Promise<EscrowOutcome> {
  const key = protectorKey(target.volumeId, target.keyProtectorId);
  if (ctx.escrowed.has(key)) return 'escrowed';
  const spoolEntry = {
    volumeId: target.volumeId,
    keyProtectorId: target.keyProtectorId,
    driveType: target.driveType,
    reason,
    ...(target.mountPoint ? { mountPoint: target.mountPoint } : {}),
  };
  if (ctx.offline || ctx.revoked) {
    await ctx.spool.add(spoolEntry, ctx.now());
    return 'spooled';
  }
  let request: EscrowRequest;
  try {
    request = await buildRequest(ctx, target);
  } catch (err) {
    ctx.log.error(
      'escrow.unreadable',
      `Cannot read the recovery password of protector ${target.keyProtectorId} on ${target.mountPoint ?? target.volumeId}; not escrowing it.`,
      { volumeId: target.volumeId, cause: describeError(err) },
    );
    return 'unreadable';
  }
  try {
    const answer = await ctx.client.escrow(ctx.device, request);
    ctx.escrowed.add(key);
    await ctx.spool.remove(target.volumeId, target.keyProtectorId);
    const missing = answer.created && reason === 'reconcile';
    ctx.log[missing ? 'warn' : 'info'](
      'escrow.delivered',
      missing
        ? `The server did not hold protector ${target.keyProtectorId} of ${target.mountPoint ?? target.volumeId}; escrowed it again.`
        : `Recovery password of protector ${target.keyProtectorId} on ${target.mountPoint ?? target.volumeId} is escrowed${answer.created ? '' : ' (the server copy matches the disk)'}.`,
      { volumeId: target.volumeId, keyProtectorId: target.keyProtectorId, reason, created: answer.created },
    );
    return 'escrowed';
  } catch (err) {
    if (!(err instanceof ServerError)) throw err;
    if (err.code === 'device_revoked') ctx.revoked = true;
    if (err.retryable || err.code === 'device_revoked') {
      ctx.offline = ctx.offline || err.retryable;
      await ctx.spool.add(spoolEntry, ctx.now());
      ctx.log.warn(
        'escrow.spooled',
        `Escrow of protector ${target.keyProtectorId} is kept in the spool until the server answers: ${err.message}`,
        { volumeId: target.volumeId },
      );
      return 'spooled';
    }
    await ctx.spool.remove(target.volumeId, target.keyProtectorId);
    ctx.log.error(
      'escrow.refused',
      `The server refused the escrow of protector ${target.keyProtectorId} on ${target.mountPoint ?? target.volumeId}: ${err.message} Nothing that depends on this escrow will be done.`,
      { volumeId: target.volumeId, status: err.status },
    );
    return 'refused';
  }
}

async function buildRequest(ctx: CycleContext, t: EscrowTarget): Promise<EscrowRequest> {
  const recoveryPassword = await ctx.platform.getRecoveryPassword(t.volumeId, t.keyProtectorId);
  const problem = checkRecoveryPassword(recoveryPassword);
  if (problem)
    throw new PlatformError(
      'platform_unexpected_output',
      `Windows returned a recovery password that fails the format check (${problem.kind === 'format' ? 'format' : `group ${problem.group} ${problem.reason}`})`,
    );
  const keyPackage = ctx.policy.escrow.keyPackage
    ? await optional(ctx, 'key package', () => ctx.platform.getKeyPackage(t.volumeId, t.keyProtectorId))
    : null;
  const tpmOwnerAuth =
    t.driveType === 'OperatingSystem'
      ? await optional(ctx, 'TPM owner authorization', () => ctx.platform.getTpmOwnerAuth())
      : null;
  return {
    volumeId: t.volumeId,
    driveType: t.driveType,
    ...(t.mountPoint ? { mountPoint: t.mountPoint } : {}),
    keyProtectorId: t.keyProtectorId,
    recoveryPassword,
    ...(keyPackage ? { keyPackage } : {}),
    ...(tpmOwnerAuth ? { tpmOwnerAuth } : {}),
  };
}

/** The key package and owner auth are extras: when Windows cannot give them, the password is escrowed alone. */
async function optional(
  ctx: CycleContext,
  what: string,
  read: () => Promise<string | null>,
): Promise<string | null> {
  try {
    return await read();
  } catch (err) {
    ctx.log.warn(
      'escrow.partial',
      `Could not read the ${what}; escrowing the recovery password without it.`,
      { cause: describeError(err) },
    );
    return null;
  }
}
