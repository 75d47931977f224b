// Server-wide settings (branding) in the Recovery Database: one row per key, JSON text values.
import type { Kysely } from 'kysely';
import type { RecoveryDatabase } from '../db/recovery-database';

export async function getSetting(db: Kysely<RecoveryDatabase>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Insert or replace, portable across SQLite, PostgreSQL and SQL Server (no dialect upsert). */
export async function putSetting(
  db: Kysely<RecoveryDatabase>,
  key: string,
  value: string,
  updatedBy: string,
  nowIso: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('settings')
      .set({ value, updated_at: nowIso, updated_by: updatedBy })
      .where('key', '=', key)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: nowIso, updated_by: updatedBy })
        .execute();
    }
  });
}
