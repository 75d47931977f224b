// Machines and the devices (agent key pairs) enrolled for them, in the Recovery Database.
import type { Kysely } from 'kysely';
import { type Param, preparedQuery } from '../db/prepared-query';
import type { DeviceRow, MachineRow, NewMachineRow, RecoveryDatabase } from '../db/recovery-database';

export async function findMachineByIdentity(
  db: Kysely<RecoveryDatabase>,
  identityKey: string,
): Promise<MachineRow | undefined> {
  return db.selectFrom('machines').selectAll().where('identity_key', '=', identityKey).executeTakeFirst();
}

export async function insertMachine(db: Kysely<RecoveryDatabase>, row: NewMachineRow): Promise<void> {
  await db.insertInto('machines').values(row).execute();
}

export async function updateMachine(
  db: Kysely<RecoveryDatabase>,
  id: string,
  changes: Omit<NewMachineRow, 'id' | 'identity_key' | 'created_at'>,
): Promise<void> {
  await db.updateTable('machines').set(changes).where('id', '=', id).execute();
}

export async function insertDevice(db: Kysely<RecoveryDatabase>, row: DeviceRow): Promise<void> {
  await db.insertInto('devices').values(row).execute();
}

export interface DeviceWithMachine {
  device: DeviceRow;
  machine: MachineRow;
  /** disclosed key protectors of the machine whose rotation is not confirmed yet */
  pendingRotations: number;
}

// One query on the hot path of every agent call, so it is prepared once.
const deviceWithMachine = preparedQuery((db: Kysely<RecoveryDatabase>, param: Param<{ deviceId: string }>) =>
  db
    .selectFrom('devices')
    .innerJoin('machines', 'machines.id', 'devices.machine_id')
    .select([
      'devices.id as device_id',
      'devices.public_key_jwk',
      'devices.enrollment_token_id',
      'devices.enrolled_at',
      'devices.revoked_at',
    ])
    .selectAll('machines')
    .select((eb) =>
      eb
        .selectFrom('key_protectors')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('key_protectors.machine_id', '=', 'machines.id')
        .where('key_protectors.disclosed_at', 'is not', null)
        .where('key_protectors.rotated_at', 'is', null)
        .as('pending_rotations'),
    )
    .where('devices.id', '=', param('deviceId')),
);

export async function findDeviceWithMachine(
  db: Kysely<RecoveryDatabase>,
  deviceId: string,
): Promise<DeviceWithMachine | undefined> {
  const [row] = (await deviceWithMachine(db, { deviceId })).rows;
  if (!row) return undefined;
  const {
    device_id,
    public_key_jwk,
    enrollment_token_id,
    enrolled_at,
    revoked_at,
    pending_rotations,
    ...machine
  } = row;
  return {
    device: {
      id: device_id,
      machine_id: machine.id,
      public_key_jwk,
      enrollment_token_id,
      enrolled_at,
      revoked_at,
    },
    machine,
    pendingRotations: Number(pending_rotations ?? 0),
  };
}

export async function listDevices(
  db: Kysely<RecoveryDatabase>,
): Promise<Array<DeviceRow & { computer_name: string; domain: string }>> {
  return db
    .selectFrom('devices')
    .innerJoin('machines', 'machines.id', 'devices.machine_id')
    .selectAll('devices')
    .select(['machines.computer_name', 'machines.domain'])
    .orderBy('devices.enrolled_at', 'desc')
    .orderBy('devices.id')
    .execute();
}

export async function revokeDevice(
  db: Kysely<RecoveryDatabase>,
  id: string,
  nowIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('devices')
    .set({ revoked_at: nowIso })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A computer enrolled again keeps one live device: the new one. */
export async function revokeDevicesOfMachine(
  db: Kysely<RecoveryDatabase>,
  machineId: string,
  nowIso: string,
): Promise<void> {
  await db
    .updateTable('devices')
    .set({ revoked_at: nowIso })
    .where('machine_id', '=', machineId)
    .where('revoked_at', 'is', null)
    .execute();
}
