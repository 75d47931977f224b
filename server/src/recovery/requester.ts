// Who asks for a secret, from where, and under which role: everything the audit entry and the scope
// rules need, taken from the signed-in principal by the route.
import type { Kysely } from 'kysely';
import type { AuditSource } from '../audit/audit-entry';
import type { ComplianceDatabase } from '../db/compliance-database';
import type { RecoveryDatabase } from '../db/recovery-database';
import type { Role } from '../people/roles';
import type { RateLimit, RateLimitScope } from '../rate-limit/limits';
import type { SecretSealer } from '../secrets';

export interface Requester {
  /** the principal's user name as signed in, e.g. `CONTOSO\alice` */
  userName: string;
  roles: readonly Role[];
  source: AuditSource;
  clientAddress: string;
}

/** What the recovery services work with; the routes build it from `app.services`. */
export interface RecoveryDeps {
  dbs: { recovery: Kysely<RecoveryDatabase>; compliance: Kysely<ComplianceDatabase> };
  sealer: SecretSealer;
  limits: Record<RateLimitScope, RateLimit>;
  /** a pino-like logger: rate-limit refusals are warnings an operator should see */
  log: { warn(details: object, message: string): void; error(details: object, message: string): void };
  now?: () => Date;
}

/** `CONTOSO\alice` → `CONTOSO\ALICE`, the form agents report logged-on users in (machine_users.user_key). */
export const userKeyOf = (domain: string, userName: string): string =>
  `${domain.trim()}\\${userName.trim()}`.toUpperCase();
