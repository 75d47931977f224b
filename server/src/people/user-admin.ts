// What a System Administrator does to local accounts: change roles, disable or enable, issue a new
// one-time password. Each change ends the account's sessions, so it applies at once.
import { revokeApiTokensOf } from './api-tokens';
import type { Kysely } from 'kysely';
import type { RecoveryDatabase } from '../db/recovery-database';
import { UserError, truncateForMessage } from '../errors';
import * as users from './local-user-repository';
import { type LocalUser, listLocalUsers, toLocalUser } from './local-users';
import { generateOneTimePassword, hashPassword } from './password';
import { type Role, rolesFromColumn, rolesToColumn } from './roles';
import { endSessionsOf } from './sessions';
import { isoNow } from '../shared/clock';

async function existing(db: Kysely<RecoveryDatabase>, id: string) {
  const row = await users.findLocalUserById(db, id);
  if (!row) {
    throw new UserError('not_found', `No local user has id "${truncateForMessage(id)}"; see /admin/users.`, {
      field: 'id',
    });
  }
  return row;
}

export async function getLocalUser(db: Kysely<RecoveryDatabase>, id: string): Promise<LocalUser> {
  return toLocalUser(await existing(db, id));
}

/** Refuses changes that would leave nobody able to administer the server. */
async function assertAnotherAdministratorRemains(db: Kysely<RecoveryDatabase>, id: string): Promise<void> {
  const others = (await listLocalUsers(db)).filter(
    (u) => u.id !== id && !u.disabled && u.roles.includes('System Administrators'),
  );
  if (others.length === 0) {
    throw new UserError(
      'conflict',
      'This is the last enabled local System Administrator; give another account that role first.',
      { field: 'roles' },
    );
  }
}

/**
 * Two administrators demoting each other at once must not both succeed: the check and the change run
 * in one transaction that holds the administrators' rows (in the caller's, when it already has one).
 */
function withAdministratorsLocked(
  db: Kysely<RecoveryDatabase>,
  work: (trx: Kysely<RecoveryDatabase>) => Promise<void>,
): Promise<void> {
  const locked = async (trx: Kysely<RecoveryDatabase>) => {
    await users.lockAdministrators(trx);
    await work(trx);
  };
  return db.isTransaction ? locked(db) : db.transaction().execute(locked);
}

export async function setLocalUserRoles(
  db: Kysely<RecoveryDatabase>,
  id: string,
  roles: Role[],
): Promise<void> {
  await withAdministratorsLocked(db, async (trx) => {
    const row = await existing(trx, id);
    if (
      rolesFromColumn(row.roles).includes('System Administrators') &&
      !roles.includes('System Administrators')
    ) {
      await assertAnotherAdministratorRemains(trx, id);
    }
    await users.updateRoles(trx, id, rolesToColumn([...new Set(roles)]));
    await endSessionsOf(trx, id);
  });
}

export async function setLocalUserDisabled(
  db: Kysely<RecoveryDatabase>,
  id: string,
  disabled: boolean,
  now = new Date(),
): Promise<void> {
  await withAdministratorsLocked(db, async (trx) => {
    const row = await existing(trx, id);
    if (disabled && rolesFromColumn(row.roles).includes('System Administrators')) {
      await assertAnotherAdministratorRemains(trx, id);
    }
    await users.setDisabled(trx, id, disabled ? isoNow(now) : null);
    if (disabled) await endSessionsOf(trx, id);
  });
}

/** A new one-time password (shown once); the user must change it at next sign-in. */
export async function resetLocalUserPassword(db: Kysely<RecoveryDatabase>, id: string): Promise<string> {
  await existing(db, id);
  const oneTimePassword = generateOneTimePassword();
  await users.updatePassword(db, id, await hashPassword(oneTimePassword), 1);
  // A reset is how an administrator locks out whoever had the password: sessions and API tokens go too.
  await endSessionsOf(db, id);
  await revokeApiTokensOf(db, id);
  return oneTimePassword;
}
