// Recovery Database, first version. Frozen: never edit after release; add a new migration instead.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('machines')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('computer_name', t.key(63), (c) => c.notNull())
    .addColumn('domain', t.key(255), (c) => c.notNull())
    .addColumn('identity_key', t.key(320), (c) => c.notNull().unique())
    .addColumn('fqdn', t.key(255), (c) => c.notNull())
    .addColumn('os_version', t.key(64), (c) => c.notNull())
    .addColumn('manufacturer', t.key(128), (c) => c.notNull())
    .addColumn('model', t.key(128), (c) => c.notNull())
    .addColumn('tpm_present', t.integer, (c) => c.notNull())
    .addColumn('tpm_version', t.key(32))
    .addColumn('tpm_manufacturer', t.key(64))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enrollment_tokens')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('token_hash', t.key(64), (c) => c.notNull().unique())
    .addColumn('label', t.key(200), (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('max_uses', t.integer, (c) => c.notNull())
    .addColumn('uses', t.integer, (c) => c.notNull())
    .addColumn('revoked_at', t.timestamp)
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('machine_id', t.key(64), (c) => c.notNull().references('machines.id'))
    .addColumn('public_key_jwk', t.text, (c) => c.notNull())
    .addColumn('enrollment_token_id', t.key(64), (c) => c.notNull().references('enrollment_tokens.id'))
    .addColumn('enrolled_at', t.timestamp, (c) => c.notNull())
    .addColumn('revoked_at', t.timestamp)
    .addColumn('last_seen_at', t.timestamp)
    .execute();
  await db.schema.createIndex('devices_machine').on('devices').column('machine_id').execute();

  await db.schema
    .createTable('volumes')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('machine_id', t.key(64), (c) => c.notNull().references('machines.id'))
    .addColumn('volume_guid', t.key(38), (c) => c.notNull())
    .addColumn('drive_type', t.key(16), (c) => c.notNull())
    .addColumn('mount_point', t.key(260))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('volumes_machine_volume', ['machine_id', 'volume_guid'])
    .execute();

  await db.schema
    .createTable('key_protectors')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('volume_id', t.key(64), (c) => c.notNull().references('volumes.id'))
    .addColumn('machine_id', t.key(64), (c) => c.notNull().references('machines.id'))
    .addColumn('key_protector_id', t.key(38), (c) => c.notNull())
    .addColumn('recovery_password_ciphertext', t.blob, (c) => c.notNull())
    .addColumn('recovery_password_wrapped_key', t.blob, (c) => c.notNull())
    .addColumn('recovery_password_kek_id', t.key(400), (c) => c.notNull())
    .addColumn('key_package_ciphertext', t.blob)
    .addColumn('key_package_wrapped_key', t.blob)
    .addColumn('key_package_kek_id', t.key(400))
    .addColumn('escrowed_by_device_id', t.key(64), (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('disclosed_at', t.timestamp)
    .addColumn('rotated_at', t.timestamp)
    .addUniqueConstraint('key_protectors_volume_protector', ['volume_id', 'key_protector_id'])
    .execute();
  // Help desk lookups go by key id prefix (at least 8 characters), so the id needs its own index.
  await db.schema
    .createIndex('key_protectors_key_id')
    .on('key_protectors')
    .column('key_protector_id')
    .execute();
  await db.schema.createIndex('key_protectors_machine').on('key_protectors').column('machine_id').execute();

  await db.schema
    .createTable('tpm_owner_auth')
    .addColumn('machine_id', t.key(64), (c) => c.primaryKey().references('machines.id'))
    .addColumn('ciphertext', t.blob, (c) => c.notNull())
    .addColumn('wrapped_key', t.blob, (c) => c.notNull())
    .addColumn('kek_id', t.key(400), (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'tpm_owner_auth',
    'key_protectors',
    'volumes',
    'devices',
    'enrollment_tokens',
    'machines',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
