// Portal sessions in the Recovery Database, so every server instance behind a load balancer shares them.
import type { Kysely } from 'kysely';
import type { RecoveryDatabase, SessionRow } from '../db/recovery-database';

export async function insertSession(db: Kysely<RecoveryDatabase>, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Kysely<RecoveryDatabase>, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Kysely<RecoveryDatabase>, id: string, nowIso: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: nowIso }).where('id', '=', id).execute();
}

export async function clearMustChangePassword(db: Kysely<RecoveryDatabase>, id: string): Promise<void> {
  await db.updateTable('sessions').set({ must_change_password: 0 }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<RecoveryDatabase>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a person (roles changed, account disabled, password changed elsewhere). */
export async function deleteSessionsOf(
  db: Kysely<RecoveryDatabase>,
  principalId: string,
  exceptId?: string,
): Promise<number> {
  let query = db.deleteFrom('sessions').where('principal_id', '=', principalId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Kysely<RecoveryDatabase>, nowIso: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).executeTakeFirst();
  return Number(result.numDeletedRows);
}
