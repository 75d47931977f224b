// Local accounts signing in and choosing their password. Unknown user, wrong password and disabled
// account get the same answer and take the same time (a dummy hash is checked), so sign-in cannot be
// used to find out which accounts exist.
import type { Kysely } from 'kysely';
import type { LocalUserRow, RecoveryDatabase } from '../db/recovery-database';
import { UserError } from '../errors';
import * as users from './local-user-repository';
import { hashPassword, verifyPassword } from './password';
import type { Principal } from './principal';
import { rolesFromColumn } from './roles';

let dummyHash: Promise<string> | undefined;

export async function verifyLocalSignIn(
  db: Kysely<RecoveryDatabase>,
  userName: string,
  password: string,
): Promise<{ principal: Omit<Principal, 'sessionId'>; mustChangePassword: boolean } | null> {
  const row = userName.trim() && userName.length <= 256 ? await users.findLocalUser(db, userName) : undefined;
  if (!row || password.length === 0 || password.length > 1024) {
    await verifyPassword(password.slice(0, 1024), await (dummyHash ??= hashPassword('not-a-password')));
    return null;
  }
  const ok = await verifyPassword(password, row.password_hash);
  if (!ok || row.disabled_at !== null) return null;
  return { principal: localPrincipal(row), mustChangePassword: row.must_change_password === 1 };
}

export function localPrincipal(row: LocalUserRow): Omit<Principal, 'sessionId'> {
  return {
    id: row.id,
    userName: row.user_name,
    displayName: row.display_name,
    roles: rolesFromColumn(row.roles),
    source: 'local',
  };
}

/** The password rule, told to people before they type (NIST SP 800-63B: length, not composition). */
export const PASSWORD_RULE =
  'At least 12 characters; a few unrelated words make a good one. It may not contain your user name.';

export function checkNewPassword(userName: string, password: string, confirmation: string): void {
  if (password.length < 12) {
    throw new UserError('validation_failed', `The new password is too short. ${PASSWORD_RULE}`, {
      field: 'newPassword',
    });
  }
  if (password.length > 1024) {
    throw new UserError(
      'validation_failed',
      `The new password is too long: at most 1024 characters (got ${password.length}). ${PASSWORD_RULE}`,
      { field: 'newPassword' },
    );
  }
  if (password.toLowerCase().includes(userName.toLowerCase())) {
    throw new UserError('validation_failed', 'The new password may not contain your user name.', {
      field: 'newPassword',
    });
  }
  if (password !== confirmation) {
    throw new UserError('validation_failed', 'The two new passwords are not the same; type it again twice.', {
      field: 'confirmPassword',
    });
  }
}

/** Changes a local user's own password after checking the current one. */
export async function changeOwnPassword(
  db: Kysely<RecoveryDatabase>,
  userId: string,
  input: { currentPassword: string; newPassword: string; confirmPassword: string },
): Promise<void> {
  const row = await users.findLocalUserById(db, userId);
  if (!row || row.disabled_at !== null) {
    throw new UserError('forbidden', 'This account can no longer sign in.');
  }
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new UserError('validation_failed', 'The current password is wrong.', { field: 'currentPassword' });
  }
  checkNewPassword(row.user_name, input.newPassword, input.confirmPassword);
  if (input.newPassword === input.currentPassword) {
    throw new UserError('validation_failed', 'Choose a password different from the current one.', {
      field: 'newPassword',
    });
  }
  await users.updatePassword(db, row.id, await hashPassword(input.newPassword), 0);
}
