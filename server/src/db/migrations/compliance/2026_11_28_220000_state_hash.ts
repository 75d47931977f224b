// A hash of the state a machine last reported, so a status report that changes nothing is one update
// of last_contact_at instead of rewriting the machine's volumes, users and history. Rows from before
// this migration have none, so their next report is written in full. Frozen: never edit after release.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('machine_compliance').addColumn('state_hash', t.key(64)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('machine_compliance').dropColumn('state_hash').execute();
}
