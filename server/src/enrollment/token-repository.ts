// Enrollment tokens in the Recovery Database. Only the token's SHA-256 is stored.
import type { Kysely } from 'kysely';
import type { EnrollmentTokenRow, RecoveryDatabase } from '../db/recovery-database';

export async function insertToken(db: Kysely<RecoveryDatabase>, row: EnrollmentTokenRow): Promise<void> {
  await db.insertInto('enrollment_tokens').values(row).execute();
}

export async function findTokenByHash(
  db: Kysely<RecoveryDatabase>,
  tokenHash: string,
): Promise<EnrollmentTokenRow | undefined> {
  return db
    .selectFrom('enrollment_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Takes one use of a token, atomically: false when it is used up, expired or revoked meanwhile. */
export async function consumeToken(
  db: Kysely<RecoveryDatabase>,
  id: string,
  nowIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('enrollment_tokens')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .where((eb) => eb('uses', '<', eb.ref('max_uses')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listTokens(db: Kysely<RecoveryDatabase>): Promise<EnrollmentTokenRow[]> {
  return db.selectFrom('enrollment_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function revokeToken(
  db: Kysely<RecoveryDatabase>,
  id: string,
  nowIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('enrollment_tokens')
    .set({ revoked_at: nowIso })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
