// Local accounts: created from the command line (and the first System Administrator on first start).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RecoveryDatabase } from '../db/recovery-database';
import { UserError, truncateForMessage } from '../errors';
import { isoNow } from '../shared/clock';
import { isUniqueViolation } from '../shared/unique-violation';
import * as users from './local-user-repository';
import { generateOneTimePassword, hashPassword } from './password';
import { ROLES, type Role, isRole, rolesFromColumn, rolesToColumn } from './roles';

export interface LocalUser {
  id: string;
  userName: string;
  displayName: string;
  roles: Role[];
  mustChangePassword: boolean;
  createdAt: string;
  disabled: boolean;
}

export function parseRoles(values: string[]): Role[] {
  const roles = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const role of roles) {
    if (!isRole(role)) {
      throw new UserError(
        'invalid_argument',
        `"${truncateForMessage(role)}" is not a role; expected one of ${ROLES.map((r) => `"${r}"`).join(', ')}.`,
        { field: '--role' },
      );
    }
  }
  return [...new Set(roles)] as Role[];
}

/** Creates a local account with a one-time password that must be changed at first sign-in. */
export async function addLocalUser(
  db: Kysely<RecoveryDatabase>,
  input: { userName: string; displayName?: string; roles: Role[] },
): Promise<{ user: LocalUser; oneTimePassword: string }> {
  const userName = input.userName.trim();
  if (!/^[A-Za-z0-9._@\\-]{1,256}$/.test(userName)) {
    throw new UserError(
      'invalid_argument',
      `User name "${truncateForMessage(userName)}" must be 1–256 letters, digits or . _ @ \\ - (e.g. alice or CONTOSO\\alice).`,
      { field: 'userName' },
    );
  }
  // the column holds 256 (SQL Server counts UTF-16 units, so JavaScript's length is the safe measure)
  const displayName = input.displayName?.trim() || userName;
  if (displayName.length > 256) {
    throw new UserError(
      'invalid_argument',
      `The display name may be at most 256 characters (got ${displayName.length}), e.g. "Alice Smith".`,
      { field: 'displayName' },
    );
  }
  const oneTimePassword = generateOneTimePassword();
  const row = {
    id: randomUUID(),
    user_name: userName,
    user_key: userName.toUpperCase(),
    display_name: displayName,
    password_hash: await hashPassword(oneTimePassword),
    roles: rolesToColumn(input.roles),
    must_change_password: 1 as const,
    created_at: isoNow(),
    disabled_at: null,
  };
  try {
    await users.insertLocalUser(db, row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new UserError('conflict', `A local user named "${userName}" already exists.`, {
        field: 'userName',
      });
    }
    throw error;
  }
  return { user: toLocalUser(row), oneTimePassword };
}

/** On first start there is nobody to sign in: create `admin` as System Administrator, once. */
export async function ensureFirstAdministrator(
  db: Kysely<RecoveryDatabase>,
): Promise<{ userName: string; oneTimePassword: string } | null> {
  if ((await users.countLocalUsers(db)) > 0) return null;
  const { user, oneTimePassword } = await addLocalUser(db, {
    userName: 'admin',
    displayName: 'First System Administrator',
    roles: ['System Administrators'],
  });
  return { userName: user.userName, oneTimePassword };
}

export async function listLocalUsers(db: Kysely<RecoveryDatabase>): Promise<LocalUser[]> {
  return (await users.listLocalUsers(db)).map(toLocalUser);
}

export function toLocalUser(row: {
  id: string;
  user_name: string;
  display_name: string;
  roles: string;
  must_change_password: number;
  created_at: string;
  disabled_at: string | null;
}): LocalUser {
  return {
    id: row.id,
    userName: row.user_name,
    displayName: row.display_name,
    roles: rolesFromColumn(row.roles),
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    disabled: row.disabled_at !== null,
  };
}
