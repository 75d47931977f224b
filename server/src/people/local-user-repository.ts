// Local accounts in the Recovery Database.
import type { Kysely } from 'kysely';
import type { LocalUserRow, RecoveryDatabase } from '../db/recovery-database';

export async function countLocalUsers(db: Kysely<RecoveryDatabase>): Promise<number> {
  const row = await db
    .selectFrom('local_users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertLocalUser(db: Kysely<RecoveryDatabase>, row: LocalUserRow): Promise<void> {
  await db.insertInto('local_users').values(row).execute();
}

export async function findLocalUser(
  db: Kysely<RecoveryDatabase>,
  userName: string,
): Promise<LocalUserRow | undefined> {
  return db
    .selectFrom('local_users')
    .selectAll()
    .where('user_key', '=', userName.trim().toUpperCase())
    .executeTakeFirst();
}

export async function listLocalUsers(db: Kysely<RecoveryDatabase>): Promise<LocalUserRow[]> {
  return db.selectFrom('local_users').selectAll().orderBy('user_key').execute();
}

export async function findLocalUserById(
  db: Kysely<RecoveryDatabase>,
  id: string,
): Promise<LocalUserRow | undefined> {
  return db.selectFrom('local_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePassword(
  db: Kysely<RecoveryDatabase>,
  id: string,
  passwordHash: string,
  mustChange: 0 | 1,
): Promise<void> {
  await db
    .updateTable('local_users')
    .set({ password_hash: passwordHash, must_change_password: mustChange })
    .where('id', '=', id)
    .execute();
}

export async function updateRoles(db: Kysely<RecoveryDatabase>, id: string, roles: string): Promise<boolean> {
  const result = await db.updateTable('local_users').set({ roles }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setDisabled(
  db: Kysely<RecoveryDatabase>,
  id: string,
  disabledAt: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('local_users')
    .set({ disabled_at: disabledAt })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Locks the rows of every System Administrator until the transaction ends (a no-op update takes the
 * row locks on PostgreSQL and SQL Server; SQLite has one writer): changes that could remove the last
 * administrator then run one after the other, and each sees the others' result.
 */
export async function lockAdministrators(db: Kysely<RecoveryDatabase>): Promise<void> {
  await db
    .updateTable('local_users')
    .set((eb) => ({ roles: eb.ref('roles') }))
    .where('roles', 'like', '%System Administrators%')
    .execute();
}
