// The steps every recovery request shares: the role it acts under, the rate limit, and writing the
// audit entry of an attempt that ends without a secret (no match, ambiguous, forbidden, …).
import type { AuditEntryInput } from '../audit/audit-entry';
import { recordAudit } from '../audit/audit-log';
import type { UserError } from '../errors';
import { RateLimitedError } from '../errors';
import { type RateLimitScope, describeWindow } from '../rate-limit/limits';
import { takeAttempt } from '../rate-limit/rate-limiter';
import type { RecoveryDeps, Requester } from './requester';

export type AuditBase = Omit<AuditEntryInput, 'result'>;

export const nowOf = (deps: RecoveryDeps): Date => (deps.now ? deps.now() : new Date());

/** Help desk requests act as Advanced Helpdesk when the person has that role, else as Helpdesk. */
export function helpdeskRole(requester: Requester): 'Advanced Helpdesk' | 'Helpdesk' | null {
  if (requester.roles.includes('Advanced Helpdesk')) return 'Advanced Helpdesk';
  if (requester.roles.includes('Helpdesk')) return 'Helpdesk';
  return null;
}

/** Who asked, from where, under which role: the part of an audit entry every recovery request shares. */
export function auditBase(
  requester: Requester,
  actorRole: string | null,
  what: Pick<AuditBase, 'action' | 'targetKeyId' | 'targetComputer' | 'targetUser' | 'reason'>,
): AuditBase {
  return {
    actor: requester.userName,
    actorRole: actorRole ?? (requester.roles.join(',') || 'none'),
    source: requester.source,
    clientAddress: requester.clientAddress,
    ...what,
  };
}

/** `at` lets a disclosure stamp its audit entry with the same instant it reports as `disclosedAt`. */
export async function auditOutcome(
  deps: RecoveryDeps,
  base: AuditBase,
  result: string,
  at: Date = nowOf(deps),
): Promise<void> {
  await recordAudit(deps.dbs.compliance, { ...base, result }, undefined, () => at);
}

/** Audits the attempt as refused and throws the UserError the caller should see. */
export async function refuse(
  deps: RecoveryDeps,
  base: AuditBase,
  result: string,
  error: UserError,
): Promise<never> {
  await auditOutcome(deps, base, result);
  throw error;
}

/** Counts the attempt; past the limit: audited `rate-limited`, a warning in the log, and a 429. */
export async function enforceRateLimit(
  deps: RecoveryDeps,
  scope: RateLimitScope,
  requester: Requester,
  base: AuditBase,
): Promise<void> {
  const decision = await takeAttempt(deps.dbs.compliance, scope, requester, deps.limits[scope], nowOf(deps));
  if (decision.allowed) return;
  deps.log.warn(
    {
      scope,
      actor: requester.userName,
      clientAddress: requester.clientAddress,
      limitedBy: decision.limitedBy,
      limit: decision.limit,
      windowSeconds: decision.windowSeconds,
    },
    'recovery key lookups rate-limited: possible key id guessing',
  );
  const per = decision.limitedBy === 'user' ? 'per person' : 'from one network address';
  await refuse(
    deps,
    base,
    'rate-limited',
    new RateLimitedError(
      `Too many recovery key requests: at most ${decision.limit} ${per} in ${describeWindow(decision.windowSeconds)}. Try again in ${describeWindow(decision.retryAfterSeconds)}, or call the help desk.`,
      decision.retryAfterSeconds,
    ),
  );
}
