// Lookups behind the Help Desk and Self-Service Portals. Key protector rows are read without their
// sealed columns except in `sealedSecrets`, which the disclosure alone calls. Rows stay in this folder.
import type { Kysely } from 'kysely';
import type { ComplianceDatabase } from '../db/compliance-database';
import type { RecoveryDatabase } from '../db/recovery-database';
import { machineIdentityKey } from '../enrollment/enroll';
import type { KeyIdQuery } from './key-id';

export interface ProtectorMatchRow {
  id: string;
  machine_id: string;
  key_protector_id: string;
  created_at: string;
  disclosed_at: string | null;
  rotated_at: string | null;
  volume_guid: string;
  drive_type: string;
  mount_point: string | null;
  computer_name: string;
  domain: string;
}

const matchColumns = [
  'key_protectors.id',
  'key_protectors.machine_id',
  'key_protectors.key_protector_id',
  'key_protectors.created_at',
  'key_protectors.disclosed_at',
  'key_protectors.rotated_at',
  'volumes.volume_guid',
  'volumes.drive_type',
  'volumes.mount_point',
  'machines.computer_name',
  'machines.domain',
] as const;

function protectorsWithMachine(db: Kysely<RecoveryDatabase>) {
  return db
    .selectFrom('key_protectors')
    .innerJoin('volumes', 'volumes.id', 'key_protectors.volume_id')
    .innerJoin('machines', 'machines.id', 'key_protectors.machine_id')
    .select(matchColumns);
}

/** Protectors whose id equals or starts with the query (the prefix holds only hex digits, `{` and `-`). */
export async function findProtectorsByKeyId(
  db: Kysely<RecoveryDatabase>,
  query: KeyIdQuery,
  limit: number,
): Promise<ProtectorMatchRow[]> {
  const q = protectorsWithMachine(db);
  const filtered =
    query.kind === 'exact'
      ? q.where('key_protectors.key_protector_id', '=', query.keyId)
      : q.where('key_protectors.key_protector_id', 'like', `${query.prefix}%`);
  return filtered
    .orderBy('machines.computer_name')
    .orderBy('key_protectors.key_protector_id')
    .orderBy('key_protectors.created_at')
    .limit(limit)
    .execute();
}

export async function protectorsOfMachine(
  db: Kysely<RecoveryDatabase>,
  machineId: string,
): Promise<ProtectorMatchRow[]> {
  return protectorsWithMachine(db)
    .where('key_protectors.machine_id', '=', machineId)
    .orderBy('volumes.mount_point')
    .orderBy('volumes.volume_guid')
    .orderBy('key_protectors.created_at')
    .execute();
}

export async function sealedSecrets(db: Kysely<RecoveryDatabase>, protectorRowId: string) {
  return db
    .selectFrom('key_protectors')
    .select([
      'recovery_password_ciphertext',
      'recovery_password_wrapped_key',
      'recovery_password_kek_id',
      'key_package_ciphertext',
      'key_package_wrapped_key',
      'key_package_kek_id',
    ])
    .where('id', '=', protectorRowId)
    .executeTakeFirstOrThrow();
}

export async function findMachineByName(db: Kysely<RecoveryDatabase>, domain: string, computerName: string) {
  return db
    .selectFrom('machines')
    .select(['id', 'computer_name', 'domain', 'tpm_present', 'tpm_version'])
    .where('identity_key', '=', machineIdentityKey(domain, computerName))
    .executeTakeFirst();
}

export async function sealedTpmOwnerAuth(db: Kysely<RecoveryDatabase>, machineId: string) {
  return db
    .selectFrom('tpm_owner_auth')
    .select(['ciphertext', 'wrapped_key', 'kek_id', 'updated_at'])
    .where('machine_id', '=', machineId)
    .executeTakeFirst();
}

/** Whether an owner authorization is escrowed, for lists that show the fact and not the sealed value. */
export async function hasTpmOwnerAuth(db: Kysely<RecoveryDatabase>, machineId: string): Promise<boolean> {
  const row = await db
    .selectFrom('tpm_owner_auth')
    .select('machine_id')
    .where('machine_id', '=', machineId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these machines the user (upper-cased `DOMAIN\user`) has logged on to, as agents report. */
export async function machinesOfUser(
  db: Kysely<ComplianceDatabase>,
  userKey: string,
  machineIds: readonly string[],
): Promise<Set<string>> {
  if (machineIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('machine_users')
    .select('machine_id')
    .where('user_key', '=', userKey)
    .where('machine_id', 'in', [...new Set(machineIds)])
    .execute();
  return new Set(rows.map((r) => r.machine_id));
}
