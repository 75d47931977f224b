// An enrollment token may be allowed to re-enroll computers that are already known (re-imaged, agent
// reinstalled). Without it, a shared fleet token cannot attach a new device to an existing computer's
// record (which would let its holder claim that computer's users and keys).
// Frozen: never edit after release; add a new migration instead.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .alterTable('enrollment_tokens')
    .addColumn('allow_reenrollment', t.integer, (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('enrollment_tokens').dropColumn('allow_reenrollment').execute();
}
