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
  /** UPN suffix → NetBIOS domain, for Self-Service users who sign in as `alice@contoso.com` */
  upnDomains?: Readonly<Record<string, string>>;
  /** a pino-like logger: rate-limit refusals are warnings an operator should see */
  log: { warn(details: object, message: string): void; error(details: object, message: string): void };
  now?: () => Date;
}

/** `CONTOSO\alice` → `CONTOSO\ALICE`, the form agents report logged-on users in (machine_users.user_key). */
export const userKeyOf = (domain: string, userName: string): string =>
  `${domain.trim()}\\${userName.trim()}`.toUpperCase();

/**
 * The signed-in user as agents report logged-on users (machine_users.user_key): `CONTOSO\alice` →
 * `CONTOSO\ALICE`. A name in UPN form (`alice@contoso.com`, what Microsoft Entra ID signs people in
 * with) is mapped through `upnDomains` when its suffix is listed there; otherwise it is kept as it is,
 * and matches no computer.
 */
export function endUserKey(userName: string, upnDomains: Readonly<Record<string, string>> = {}): string {
  const name = userName.trim();
  const upn = /^([^@\\\s]+)@([^@\\\s]+)$/.exec(name);
  if (upn) {
    const suffix = upn[2]!.toLowerCase();
    const domain = Object.entries(upnDomains).find(([s]) => s.toLowerCase() === suffix)?.[1];
    if (domain) return userKeyOf(domain, upn[1]!);
  }
  return name.toUpperCase();
}
