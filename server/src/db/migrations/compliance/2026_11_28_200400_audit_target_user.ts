// The audit log records the end user a help desk request is for (MBAM's Recovery Audit Report has an
// "End User" column next to the "Helpdesk User"). Frozen: never edit after release; add a new migration.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('audit_log').addColumn('target_user', t.key(320)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('target_user').execute();
}
