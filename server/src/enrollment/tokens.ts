// Enrollment tokens: created by an administrator, given to the installer, spent by agents on enrollment.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EnrollmentTokenRow, RecoveryDatabase } from '../db/recovery-database';
import { UserError, truncateForMessage } from '../errors';
import { isoAfter, isoNow } from '../shared/clock';
import * as tokens from './token-repository';
import { sha256Hex } from '../shared/sha256';

export const TOKEN_PREFIX = 'mbamenroll_';

export interface EnrollmentToken {
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number;
  uses: number;
  revokedAt: string | null;
  allowReenrollment: boolean;
  state: 'active' | 'expired' | 'used-up' | 'revoked';
}

export const hashToken = sha256Hex;

export async function createEnrollmentToken(
  db: Kysely<RecoveryDatabase>,
  options: { expiresInSeconds: number; uses: number; label?: string; allowReenrollment?: boolean },
  now = new Date(),
): Promise<{ token: string; enrollmentToken: EnrollmentToken }> {
  if (!Number.isSafeInteger(options.uses) || options.uses < 1 || options.uses > 1_000_000) {
    throw new UserError(
      'invalid_argument',
      `--uses must be a whole number from 1 to 1000000 (got ${options.uses}).`,
      {
        field: '--uses',
      },
    );
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row: EnrollmentTokenRow = {
    id: randomUUID(),
    token_hash: hashToken(token),
    label: (options.label ?? '').slice(0, 200),
    created_at: isoNow(now),
    expires_at: isoAfter(options.expiresInSeconds, now),
    max_uses: options.uses,
    uses: 0,
    revoked_at: null,
    allow_reenrollment: options.allowReenrollment ? 1 : 0,
  };
  await tokens.insertToken(db, row);
  return { token, enrollmentToken: toEnrollmentToken(row, now) };
}

export async function listEnrollmentTokens(
  db: Kysely<RecoveryDatabase>,
  now = new Date(),
): Promise<EnrollmentToken[]> {
  return (await tokens.listTokens(db)).map((row) => toEnrollmentToken(row, now));
}

export async function revokeEnrollmentToken(db: Kysely<RecoveryDatabase>, id: string): Promise<void> {
  if (!(await tokens.revokeToken(db, id, isoNow()))) {
    throw new UserError(
      'not_found',
      `No active enrollment token has id "${truncateForMessage(id)}"; expected the id of an unrevoked token, as the token list shows it.`,
      { field: 'id' },
    );
  }
}

export function toEnrollmentToken(row: EnrollmentTokenRow, now = new Date()): EnrollmentToken {
  const state = row.revoked_at
    ? 'revoked'
    : row.expires_at <= isoNow(now)
      ? 'expired'
      : row.uses >= row.max_uses
        ? 'used-up'
        : 'active';
  return {
    id: row.id,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    maxUses: row.max_uses,
    uses: row.uses,
    revokedAt: row.revoked_at,
    allowReenrollment: row.allow_reenrollment === 1,
    state,
  };
}
