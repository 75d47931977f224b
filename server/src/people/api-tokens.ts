// Personal API tokens (`Authorization: Bearer mbamapi_…`): created in the portal (/account) or with
// `openmbam user token create`, shown once, stored as SHA-256, carrying their owner's roles. A local
// owner's current roles apply at each use (a disabled account's tokens stop working at once); an
// OpenID Connect owner's roles are those of the sign-in at which the token was created.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiTokenRow, RecoveryDatabase } from '../db/recovery-database';
import { UserError, truncateForMessage } from '../errors';
import * as tokens from './api-token-repository';
import * as localUsers from './local-user-repository';
import type { Principal } from './principal';
import { rolesFromColumn, rolesToColumn } from './roles';
import { isoAfter, isoNow } from '../shared/clock';
import { sha256Hex } from '../shared/sha256';

export const API_TOKEN_PREFIX = 'mbamapi_';

export interface ApiToken {
  id: string;
  label: string;
  ownerName: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

const OIDC_TOKEN_MAX_DAYS = 30;

const hash = sha256Hex;

export async function createApiToken(
  db: Kysely<RecoveryDatabase>,
  owner: Pick<Principal, 'id' | 'userName' | 'displayName' | 'roles' | 'source'>,
  options: { label: string; expiresInDays?: number | null },
  now = new Date(),
): Promise<{ token: string; apiToken: ApiToken }> {
  // A leaked token must not be able to outlive its expiry by minting a successor.
  if (owner.source === 'api-token') {
    throw new UserError(
      'forbidden',
      'API tokens are created from a signed-in session (/account) or with `openmbam user token create`, not with another API token.',
    );
  }
  const label = options.label.trim();
  if (label.length < 1 || label.length > 100) {
    throw new UserError(
      'validation_failed',
      `Give the token a name of 1 to 100 characters saying where it is used, e.g. "nightly export" (got "${truncateForMessage(label)}").`,
      { field: 'label' },
    );
  }
  const days = options.expiresInDays ?? null;
  if (days !== null && (!Number.isSafeInteger(days) || days < 1 || days > 730)) {
    throw new UserError('validation_failed', `Expiry must be 1 to 730 days, or none (got ${days}).`, {
      field: 'expiresInDays',
    });
  }
  // An OpenID Connect owner's roles come from the provider at sign-in; a token keeps that snapshot, so
  // it must not outlive a group change by long.
  if (owner.source === 'oidc' && (days === null || days > OIDC_TOKEN_MAX_DAYS)) {
    throw new UserError(
      'validation_failed',
      `Tokens of users who sign in with OpenID Connect carry the roles of this sign-in, so they expire within ${OIDC_TOKEN_MAX_DAYS} days; choose 1 to ${OIDC_TOKEN_MAX_DAYS} (got ${days ?? 'none'}).`,
      { field: 'expiresInDays' },
    );
  }
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row: ApiTokenRow = {
    id: randomUUID(),
    token_hash: hash(token),
    owner_id: owner.id,
    owner_name: owner.userName,
    display_name: owner.displayName,
    source: owner.source,
    roles: rolesToColumn(owner.roles),
    label,
    created_at: isoNow(now),
    expires_at: days === null ? null : isoAfter(days * 86_400, now),
    last_used_at: null,
    revoked_at: null,
  };
  await tokens.insertApiToken(db, row);
  return { token, apiToken: toApiToken(row, now) };
}

/** The principal a Bearer token stands for, or null when it is unknown, revoked, expired or its owner disabled. */
export async function authenticateApiToken(
  db: Kysely<RecoveryDatabase>,
  token: string,
  now = new Date(),
): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await tokens.findApiTokenByHash(db, hash(token));
  if (!row || toApiToken(row, now).state !== 'active') return null;
  let roles = rolesFromColumn(row.roles);
  let displayName = row.display_name;
  if (row.source === 'local') {
    const user = await localUsers.findLocalUserById(db, row.owner_id);
    if (!user || user.disabled_at !== null) return null;
    roles = rolesFromColumn(user.roles);
    displayName = user.display_name;
  }
  // one write per minute at most: enough to show "last used" without a write per API call
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await tokens.markUsed(db, row.id, isoNow(now));
  }
  return { id: row.owner_id, userName: row.owner_name, displayName, roles, source: 'api-token' };
}

export async function listApiTokens(
  db: Kysely<RecoveryDatabase>,
  ownerId: string,
  now = new Date(),
): Promise<ApiToken[]> {
  return (await tokens.listApiTokensOf(db, ownerId)).map((row) => toApiToken(row, now));
}

/** Revokes one of the owner's tokens (`ownerId` null: any owner's, for administrators). */
export async function revokeApiToken(
  db: Kysely<RecoveryDatabase>,
  id: string,
  ownerId: string | null,
  now = new Date(),
): Promise<void> {
  if (!(await tokens.revokeApiToken(db, id, ownerId, isoNow(now)))) {
    throw new UserError('not_found', `No active API token of yours has id "${truncateForMessage(id)}".`, {
      field: 'id',
    });
  }
}

export async function revokeApiTokensOf(
  db: Kysely<RecoveryDatabase>,
  ownerId: string,
  now = new Date(),
): Promise<void> {
  await tokens.revokeApiTokensOf(db, ownerId, isoNow(now));
}

function toApiToken(row: ApiTokenRow, now: Date): ApiToken {
  return {
    id: row.id,
    label: row.label,
    ownerName: row.owner_name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    state: row.revoked_at
      ? 'revoked'
      : row.expires_at && row.expires_at <= isoNow(now)
        ? 'expired'
        : 'active',
  };
}
