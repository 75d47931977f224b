// Current compliance per machine and volume, kept up to date as status reports arrive.
import type { Insertable, Kysely } from 'kysely';
import type {
  ComplianceDatabase,
  MachineComplianceTable,
  StatusReportsTable,
  VolumeComplianceTable,
} from '../db/compliance-database';
import { type Param, preparedQuery } from '../db/prepared-query';

export async function insertStatusReport(
  db: Kysely<ComplianceDatabase>,
  row: Insertable<StatusReportsTable>,
): Promise<void> {
  await db.insertInto('status_reports').values(row).execute();
}

export async function upsertMachineCompliance(
  db: Kysely<ComplianceDatabase>,
  row: Insertable<MachineComplianceTable>,
): Promise<void> {
  const { machine_id, ...changes } = row;
  const updated = await db
    .updateTable('machine_compliance')
    .set(changes)
    .where('machine_id', '=', machine_id)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('machine_compliance').values(row).execute();
}

/** Each machine's last status report, by machine id. */
export async function listLastContacts(db: Kysely<ComplianceDatabase>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('machine_compliance').select(['machine_id', 'last_contact_at']).execute();
  return new Map(rows.map((r) => [r.machine_id, r.last_contact_at]));
}

const touchMachine = preparedQuery(
  (db: Kysely<ComplianceDatabase>, param: Param<{ machineId: string; stateHash: string; nowIso: string }>) =>
    db
      .updateTable('machine_compliance')
      .set({ last_contact_at: param('nowIso') })
      .where('machine_id', '=', param('machineId'))
      .where('state_hash', '=', param('stateHash')),
);

/** Moves last_contact_at when the machine's stored state is the one just reported; false when it is not. */
export async function touchUnchangedMachine(
  db: Kysely<ComplianceDatabase>,
  machineId: string,
  stateHash: string,
  nowIso: string,
): Promise<boolean> {
  const { numAffectedRows } = await touchMachine(db, { machineId, stateHash, nowIso });
  return Number(numAffectedRows) === 1;
}

/** The report lists every volume the machine has now; volumes it no longer has drop out. */
export async function replaceVolumeCompliance(
  db: Kysely<ComplianceDatabase>,
  machineId: string,
  rows: Insertable<VolumeComplianceTable>[],
): Promise<void> {
  await db.deleteFrom('volume_compliance').where('machine_id', '=', machineId).execute();
  if (rows.length > 0) await db.insertInto('volume_compliance').values(rows).execute();
}

const touchUser = preparedQuery(
  (db: Kysely<ComplianceDatabase>, param: Param<{ machineId: string; userKey: string; nowIso: string }>) =>
    db
      .updateTable('machine_users')
      .set({ last_seen_at: param('nowIso') })
      .where('machine_id', '=', param('machineId'))
      .where('user_key', '=', param('userKey')),
);

/** The users of an unchanged state are all on record already: only their last_seen_at moves. */
export async function touchMachineUsers(
  db: Kysely<ComplianceDatabase>,
  machineId: string,
  users: Array<{ userKey: string }>,
  nowIso: string,
): Promise<void> {
  for (const { userKey } of users) await touchUser(db, { machineId, userKey, nowIso });
}

export async function recordMachineUsers(
  db: Kysely<ComplianceDatabase>,
  machineId: string,
  users: Array<{ userKey: string; userName: string }>,
  nowIso: string,
): Promise<void> {
  for (const user of users) {
    const updated = await db
      .updateTable('machine_users')
      .set({ last_seen_at: nowIso, user_name: user.userName })
      .where('machine_id', '=', machineId)
      .where('user_key', '=', user.userKey)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await db
        .insertInto('machine_users')
        .values({
          machine_id: machineId,
          user_key: user.userKey,
          user_name: user.userName,
          first_seen_at: nowIso,
          last_seen_at: nowIso,
        })
        .execute();
    }
  }
}
