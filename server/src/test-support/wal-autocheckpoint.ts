// How many WAL pages a SQLite connection lets pile up before its own commit checkpoints them.
import { type Kysely, sql } from 'kysely';

export async function walAutocheckpointOf(db: Kysely<unknown>): Promise<number> {
  const { rows } = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db);
  return rows[0]!.wal_autocheckpoint;
}
