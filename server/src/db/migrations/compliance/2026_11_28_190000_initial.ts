// Compliance and Audit Database, first version. Frozen: never edit after release; add a new migration instead.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('status_reports')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('machine_id', t.key(64), (c) => c.notNull())
    .addColumn('device_id', t.key(64), (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('agent_version', t.key(32), (c) => c.notNull())
    .addColumn('policy_hash', t.key(128), (c) => c.notNull())
    .addColumn('report_json', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('status_reports_machine_received')
    .on('status_reports')
    .columns(['machine_id', 'received_at'])
    .execute();

  await db.schema
    .createTable('machine_compliance')
    .addColumn('machine_id', t.key(64), (c) => c.primaryKey())
    .addColumn('computer_name', t.key(63), (c) => c.notNull())
    .addColumn('domain', t.key(255), (c) => c.notNull())
    .addColumn('manufacturer', t.key(128), (c) => c.notNull())
    .addColumn('model', t.key(128), (c) => c.notNull())
    .addColumn('os_version', t.key(64), (c) => c.notNull())
    .addColumn('compliant', t.integer, (c) => c.notNull())
    .addColumn('noncompliant_volumes', t.integer, (c) => c.notNull())
    .addColumn('tpm_present', t.integer, (c) => c.notNull())
    .addColumn('tpm_ready', t.integer, (c) => c.notNull())
    .addColumn('tpm_version', t.key(32))
    .addColumn('agent_version', t.key(32), (c) => c.notNull())
    .addColumn('policy_hash', t.key(128), (c) => c.notNull())
    .addColumn('last_contact_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('machine_compliance_name')
    .on('machine_compliance')
    .columns(['computer_name', 'domain'])
    .execute();

  await db.schema
    .createTable('volume_compliance')
    .addColumn('machine_id', t.key(64), (c) => c.notNull())
    .addColumn('volume_guid', t.key(38), (c) => c.notNull())
    .addColumn('drive_type', t.key(16), (c) => c.notNull())
    .addColumn('mount_point', t.key(260))
    .addColumn('conversion_status', t.key(32), (c) => c.notNull())
    .addColumn('encryption_percentage', t.integer, (c) => c.notNull())
    .addColumn('encryption_method', t.key(32), (c) => c.notNull())
    .addColumn('protection_status', t.key(16), (c) => c.notNull())
    .addColumn('protector_types', t.key(400), (c) => c.notNull())
    .addColumn('compliant', t.integer, (c) => c.notNull())
    .addColumn('reasons', t.key(100), (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('volume_compliance_pk', ['machine_id', 'volume_guid'])
    .execute();

  await db.schema
    .createTable('machine_users')
    .addColumn('machine_id', t.key(64), (c) => c.notNull())
    .addColumn('user_key', t.key(320), (c) => c.notNull())
    .addColumn('user_name', t.key(320), (c) => c.notNull())
    .addColumn('first_seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('machine_users_pk', ['machine_id', 'user_key'])
    .execute();
  // Self-Service looks up "machines this user logged on to".
  await db.schema.createIndex('machine_users_user').on('machine_users').column('user_key').execute();

  await db.schema
    .createTable('device_proof_nonces')
    .addColumn('device_id', t.key(64), (c) => c.notNull())
    .addColumn('jti', t.key(64), (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('device_proof_nonces_pk', ['device_id', 'jti'])
    .execute();
  await db.schema
    .createIndex('device_proof_nonces_expiry')
    .on('device_proof_nonces')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', t.bigint, (c) => c.primaryKey())
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('actor', t.key(320), (c) => c.notNull())
    .addColumn('actor_role', t.key(64), (c) => c.notNull())
    .addColumn('source', t.key(32), (c) => c.notNull())
    .addColumn('client_address', t.key(64), (c) => c.notNull())
    .addColumn('action', t.key(64), (c) => c.notNull())
    .addColumn('target_key_id', t.key(64))
    .addColumn('target_computer', t.key(320))
    .addColumn('reason', t.key(1000))
    .addColumn('result', t.key(32), (c) => c.notNull())
    .addColumn('prev_hash', t.key(64), (c) => c.notNull())
    .addColumn('hash', t.key(64), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'device_proof_nonces',
    'machine_users',
    'volume_compliance',
    'machine_compliance',
    'status_reports',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
