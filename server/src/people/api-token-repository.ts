// Personal API tokens in the Recovery Database. Only the token's SHA-256 is stored.
import type { Kysely } from 'kysely';
import type { ApiTokenRow, RecoveryDatabase } from '../db/recovery-database';

export async function insertApiToken(db: Kysely<RecoveryDatabase>, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findApiTokenByHash(
  db: Kysely<RecoveryDatabase>,
  tokenHash: string,
): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function listApiTokensOf(db: Kysely<RecoveryDatabase>, ownerId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function markUsed(db: Kysely<RecoveryDatabase>, id: string, nowIso: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: nowIso }).where('id', '=', id).execute();
}

export async function revokeApiToken(
  db: Kysely<RecoveryDatabase>,
  id: string,
  ownerId: string | null,
  nowIso: string,
): Promise<boolean> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso })
    .where('id', '=', id)
    .where('revoked_at', 'is', null);
  if (ownerId !== null) query = query.where('owner_id', '=', ownerId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeApiTokensOf(
  db: Kysely<RecoveryDatabase>,
  ownerId: string,
  nowIso: string,
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso })
    .where('owner_id', '=', ownerId)
    .where('revoked_at', 'is', null)
    .execute();
}
