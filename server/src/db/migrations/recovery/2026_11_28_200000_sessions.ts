// People and portals: signed-in sessions (shared by every server instance), pending OpenID Connect
// sign-ins, personal API tokens, group → role mappings and server-wide settings (branding).
// Frozen: never edit after release; add a new migration instead.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the cookie value: a copy of the database does not yield usable sessions
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('principal_id', t.key(320), (c) => c.notNull())
    .addColumn('user_name', t.key(256), (c) => c.notNull())
    .addColumn('display_name', t.key(256), (c) => c.notNull())
    .addColumn('roles', t.key(256), (c) => c.notNull())
    .addColumn('source', t.key(16), (c) => c.notNull())
    .addColumn('csrf_token', t.key(64), (c) => c.notNull())
    .addColumn('must_change_password', t.integer, (c) => c.notNull())
    .addColumn('idle_timeout_seconds', t.integer, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('sessions_principal_id').on('sessions').column('principal_id').execute();

  await db.schema
    .createTable('sign_in_states')
    // SHA-256 (hex) of the OAuth `state` parameter
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('code_verifier', t.key(128), (c) => c.notNull())
    .addColumn('nonce', t.key(128), (c) => c.notNull())
    .addColumn('return_to', t.key(512), (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    // SHA-256 (hex) of the token; the token itself is shown once and never stored
    .addColumn('token_hash', t.key(64), (c) => c.notNull().unique())
    .addColumn('owner_id', t.key(320), (c) => c.notNull())
    .addColumn('owner_name', t.key(256), (c) => c.notNull())
    .addColumn('display_name', t.key(256), (c) => c.notNull())
    .addColumn('source', t.key(16), (c) => c.notNull())
    .addColumn('roles', t.key(256), (c) => c.notNull())
    .addColumn('label', t.key(200), (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp)
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();
  await db.schema.createIndex('api_tokens_owner_id').on('api_tokens').column('owner_id').execute();

  await db.schema
    .createTable('role_mappings')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    // a value of the configured claim (`groups` or `roles`), e.g. a group name or object id
    .addColumn('claim_value', t.key(256), (c) => c.notNull())
    .addColumn('role', t.key(64), (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_by', t.key(256), (c) => c.notNull())
    .addUniqueConstraint('role_mappings_claim_role', ['claim_value', 'role'])
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', t.key(100), (c) => c.primaryKey())
    .addColumn('value', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', t.key(256), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['settings', 'role_mappings', 'api_tokens', 'sign_in_states', 'sessions']) {
    await db.schema.dropTable(table).execute();
  }
}
