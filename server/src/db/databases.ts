// The two logical databases of MBAM, each on its own connection.
import type { Kysely } from 'kysely';
import { InternalError } from '../errors';
import type { ComplianceDatabase } from './compliance-database';
import type { ConnectionTarget } from './connection';
import { migrateToLatest } from './migrate';
import { openDatabase, type DatabaseRole } from './open-database';
import type { RecoveryDatabase } from './recovery-database';

export interface Databases {
  recovery: Kysely<RecoveryDatabase>;
  compliance: Kysely<ComplianceDatabase>;
  targets: Record<DatabaseRole, ConnectionTarget>;
  close(): Promise<void>;
}

export function openDatabases(targets: Record<DatabaseRole, ConnectionTarget>): Databases {
  const recovery = openDatabase<RecoveryDatabase>(targets.recovery, 'recovery');
  let compliance: Kysely<ComplianceDatabase>;
  try {
    compliance = openDatabase<ComplianceDatabase>(targets.compliance, 'compliance');
  } catch (error) {
    void recovery.destroy(); // a SQLite file would otherwise stay open in a process that goes on
    throw error;
  }
  return {
    recovery,
    compliance,
    targets,
    async close() {
      await Promise.all([recovery.destroy(), compliance.destroy()]);
    },
  };
}

export interface MigrationStep {
  database: DatabaseRole;
  migration: string;
  status: 'Success' | 'Error' | 'NotExecuted';
}

/** Brings both databases to the latest schema; throws after reporting which step failed. */
export async function migrateDatabases(
  dbs: Databases,
  log: (step: MigrationStep) => void = () => {},
): Promise<void> {
  for (const role of ['recovery', 'compliance'] as const) {
    const { error, results } = await migrateToLatest(dbs[role] as Kysely<unknown>, role);
    for (const r of results ?? []) log({ database: role, migration: r.migrationName, status: r.status });
    if (error) throw new InternalError(`Migrating the ${role} database failed`, { cause: error });
  }
}
