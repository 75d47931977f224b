// The sliding-window log of allowed attempts (Compliance and Audit Database, shared by every instance).
import type { Kysely } from 'kysely';
import type { ComplianceDatabase } from '../db/compliance-database';

export async function insertEvent(
  db: Kysely<ComplianceDatabase>,
  row: { id: string; bucket: string; occurred_at: string },
): Promise<void> {
  await db.insertInto('rate_limit_events').values(row).execute();
}

/** Times of the bucket's events at or after `sinceIso`, oldest first, except the event `exceptId`. */
export async function eventTimes(
  db: Kysely<ComplianceDatabase>,
  bucket: string,
  sinceIso: string,
  exceptId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('rate_limit_events')
    .select('occurred_at')
    .where('bucket', '=', bucket)
    .where('occurred_at', '>=', sinceIso)
    .where('id', '<>', exceptId)
    .orderBy('occurred_at')
    .execute();
  return rows.map((r) => r.occurred_at);
}

export async function deleteBefore(
  db: Kysely<ComplianceDatabase>,
  bucket: string,
  beforeIso: string,
): Promise<void> {
  await db
    .deleteFrom('rate_limit_events')
    .where('bucket', '=', bucket)
    .where('occurred_at', '<', beforeIso)
    .execute();
}

/** Takes the bucket's row lock for the rest of the transaction (creating the row the first time). */
export async function lockBucket(
  db: Kysely<ComplianceDatabase>,
  bucket: string,
  nowIso: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('rate_limit_buckets')
    .set({ checked_at: nowIso })
    .where('bucket', '=', bucket)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return true;
  await db.insertInto('rate_limit_buckets').values({ bucket, checked_at: nowIso }).execute();
  return false;
}
