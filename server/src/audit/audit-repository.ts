// Queries of the audit log (Compliance and Audit Database). Rows never leave this folder.
import type { Kysely } from 'kysely';
import type { AuditLogRow, ComplianceDatabase } from '../db/compliance-database';

export async function lastEntry(
  db: Kysely<ComplianceDatabase>,
): Promise<Pick<AuditLogRow, 'seq' | 'hash'> | undefined> {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertEntry(db: Kysely<ComplianceDatabase>, row: AuditLogRow): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** Rows in sequence order, `limit` at a time after `afterSeq`: verification streams the whole log. */
export async function pageAfter(
  db: Kysely<ComplianceDatabase>,
  afterSeq: number,
  limit: number,
): Promise<AuditLogRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function listSince(
  db: Kysely<ComplianceDatabase>,
  filter: { sinceIso?: string; limit: number },
): Promise<AuditLogRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.sinceIso) query = query.where('occurred_at', '>=', filter.sinceIso);
  // the newest `limit` entries, shown oldest first
  const rows = await query.orderBy('seq', 'desc').limit(filter.limit).execute();
  return rows.reverse();
}
