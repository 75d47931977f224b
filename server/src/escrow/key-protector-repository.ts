// Volumes and key protectors (with sealed recovery passwords and key packages) in the Recovery Database.
import type { Kysely } from 'kysely';
import type {
  KeyProtectorRow,
  NewKeyProtectorRow,
  RecoveryDatabase,
  VolumeRow,
} from '../db/recovery-database';

export async function findVolume(
  db: Kysely<RecoveryDatabase>,
  machineId: string,
  volumeGuid: string,
): Promise<VolumeRow | undefined> {
  return db
    .selectFrom('volumes')
    .selectAll()
    .where('machine_id', '=', machineId)
    .where('volume_guid', '=', volumeGuid)
    .executeTakeFirst();
}

export async function insertVolume(db: Kysely<RecoveryDatabase>, row: VolumeRow): Promise<void> {
  await db.insertInto('volumes').values(row).execute();
}

export async function updateVolume(
  db: Kysely<RecoveryDatabase>,
  id: string,
  changes: Pick<VolumeRow, 'drive_type' | 'mount_point' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('volumes').set(changes).where('id', '=', id).execute();
}

export async function findKeyProtector(
  db: Kysely<RecoveryDatabase>,
  volumeId: string,
  keyProtectorId: string,
): Promise<KeyProtectorRow | undefined> {
  return db
    .selectFrom('key_protectors')
    .selectAll()
    .where('volume_id', '=', volumeId)
    .where('key_protector_id', '=', keyProtectorId)
    .executeTakeFirst();
}

export async function insertKeyProtector(
  db: Kysely<RecoveryDatabase>,
  row: NewKeyProtectorRow,
): Promise<void> {
  await db.insertInto('key_protectors').values(row).execute();
}

export async function findMachineKeyProtector(
  db: Kysely<RecoveryDatabase>,
  machineId: string,
  keyProtectorId: string,
): Promise<KeyProtectorRow | undefined> {
  return db
    .selectFrom('key_protectors')
    .selectAll()
    .where('machine_id', '=', machineId)
    .where('key_protector_id', '=', keyProtectorId)
    .executeTakeFirst();
}

/** Key protectors disclosed through a portal or the API whose rotation the agent has not confirmed. */
export async function listProtectorsToRotate(
  db: Kysely<RecoveryDatabase>,
  machineId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('key_protectors')
    .select('key_protector_id')
    .where('machine_id', '=', machineId)
    .where('disclosed_at', 'is not', null)
    .where('rotated_at', 'is', null)
    .orderBy('key_protector_id')
    .execute();
  return rows.map((r) => r.key_protector_id);
}

/** Escrowed protectors of the volume that can still be used safely (never disclosed). */
export async function countUndisclosedProtectors(
  db: Kysely<RecoveryDatabase>,
  volumeId: string,
): Promise<number> {
  const row = await db
    .selectFrom('key_protectors')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('volume_id', '=', volumeId)
    .where('disclosed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRotated(db: Kysely<RecoveryDatabase>, id: string, nowIso: string): Promise<void> {
  await db.updateTable('key_protectors').set({ rotated_at: nowIso }).where('id', '=', id).execute();
}

export async function markDisclosed(db: Kysely<RecoveryDatabase>, id: string, nowIso: string): Promise<void> {
  await db
    .updateTable('key_protectors')
    .set({ disclosed_at: nowIso })
    .where('id', '=', id)
    .where('disclosed_at', 'is', null)
    .execute();
}

export async function upsertTpmOwnerAuth(
  db: Kysely<RecoveryDatabase>,
  row: {
    machine_id: string;
    ciphertext: Uint8Array;
    wrapped_key: Uint8Array;
    kek_id: string;
    updated_at: string;
  },
): Promise<void> {
  const { machine_id, ...changes } = row;
  const updated = await db
    .updateTable('tpm_owner_auth')
    .set(changes)
    .where('machine_id', '=', machine_id)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('tpm_owner_auth').values(row).execute();
}
