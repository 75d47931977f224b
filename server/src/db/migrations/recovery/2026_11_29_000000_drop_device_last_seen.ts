// devices.last_seen_at was never written: a device's last contact is its machine's
// machine_compliance.last_contact_at in the Compliance Database (devices/device-list.ts).
// Frozen: never edit after release; add a new migration instead.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').dropColumn('last_seen_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('devices').addColumn('last_seen_at', t.timestamp).execute();
}
