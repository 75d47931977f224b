// Migrations per logical database, each with its own history table. The runner returns
// `{ error, results }` (Kysely's Migrator shape) so callers log every step and exit non-zero on failure.
import type { Kysely, Migration, MigrationResultSet } from 'kysely';
import { Migrator } from 'kysely';
import * as complianceInitial from './migrations/compliance/2026_11_28_190000_initial';
import * as complianceAuditTargetUser from './migrations/compliance/2026_11_28_200400_audit_target_user';
import * as complianceRateLimit from './migrations/compliance/2026_11_28_200500_rate_limit';
import * as complianceRateLimitBuckets from './migrations/compliance/2026_11_28_200600_rate_limit_buckets';
import * as complianceStateHash from './migrations/compliance/2026_11_28_220000_state_hash';
import * as recoveryInitial from './migrations/recovery/2026_11_28_190000_initial';
import * as recoveryDropDeviceLastSeen from './migrations/recovery/2026_11_29_000000_drop_device_last_seen';
import * as recoveryLocalUsers from './migrations/recovery/2026_11_28_191000_local_users';
import * as recoveryReenrollment from './migrations/recovery/2026_11_28_203000_reenrollment';
import * as recoverySessions from './migrations/recovery/2026_11_28_200000_sessions';
import type { DatabaseRole } from './open-database';

/** Every migration of each database, by its sortable name. Add new ones here. */
export const MIGRATIONS: Record<DatabaseRole, Record<string, Migration>> = {
  recovery: {
    '2026_11_28_190000_initial': recoveryInitial,
    '2026_11_28_191000_local_users': recoveryLocalUsers,
    '2026_11_28_200000_sessions': recoverySessions,
    '2026_11_28_203000_reenrollment': recoveryReenrollment,
    '2026_11_29_000000_drop_device_last_seen': recoveryDropDeviceLastSeen,
  },
  compliance: {
    '2026_11_28_190000_initial': complianceInitial,
    '2026_11_28_200400_audit_target_user': complianceAuditTargetUser,
    '2026_11_28_200500_rate_limit': complianceRateLimit,
    '2026_11_28_200600_rate_limit_buckets': complianceRateLimitBuckets,
    '2026_11_28_220000_state_hash': complianceStateHash,
  },
};

export function migrator(db: Kysely<unknown>, role: DatabaseRole): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS[role] },
    migrationTableName: `openmbam_${role}_migration`,
    migrationLockTableName: `openmbam_${role}_migration_lock`,
  });
}

export async function migrateToLatest(db: Kysely<unknown>, role: DatabaseRole): Promise<MigrationResultSet> {
  return migrator(db, role).migrateToLatest();
}
