// Local accounts for the embedded default (sign-in without an OpenID Connect provider).
// Frozen: never edit after release; add a new migration instead.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('local_users')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('user_name', t.key(256), (c) => c.notNull())
    .addColumn('user_key', t.key(256), (c) => c.notNull().unique())
    .addColumn('display_name', t.key(256), (c) => c.notNull())
    .addColumn('password_hash', t.key(512), (c) => c.notNull())
    .addColumn('roles', t.key(256), (c) => c.notNull())
    .addColumn('must_change_password', t.integer, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('disabled_at', t.timestamp)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('local_users').execute();
}
