// Status reporting: the agent's compliance report updates the Compliance and Audit Database in one
// transaction (with the proof's jti), and the answer tells the agent which disclosed keys to rotate.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ComplianceDatabase } from '../db/compliance-database';
import type { RecoveryDatabase } from '../db/recovery-database';
import { type DeviceContext, consumeDeviceProof } from '../devices/device-proof-verifier';
import type { Transact } from '../db/transact';
import { listProtectorsToRotate } from '../escrow/key-protector-repository';
import { type StatusRequest, type StatusResponse, normalizeGuid } from '../protocol';
import { isoNow } from '../shared/clock';
import { isUniqueViolation } from '../shared/unique-violation';
import * as compliance from './compliance-repository';
import { sha256Hex } from '../shared/sha256';

/** MBAM's Mbam_Volume.Compliant: 0 no, 1 yes, 2 not applicable (no volume reported). */
export function machineCompliance(report: StatusRequest): {
  compliant: 0 | 1 | 2;
  noncompliantVolumes: number;
} {
  const noncompliantVolumes = report.volumes.filter((v) => !v.compliant).length;
  if (report.volumes.length === 0) return { compliant: 2, noncompliantVolumes };
  return { compliant: noncompliantVolumes === 0 ? 1 : 0, noncompliantVolumes };
}

export const userKey = (user: string): string => user.trim().toUpperCase();

export async function recordStatus(
  recovery: Kysely<RecoveryDatabase>,
  transact: Transact<ComplianceDatabase>,
  device: DeviceContext,
  report: StatusRequest,
  options: { nextReportSeconds: number; now?: Date },
): Promise<StatusResponse> {
  const nowIso = isoNow(options.now);
  // Computed once, outside the unit of work: a unit may run more than once (db/transact.ts), and on
  // SQLite it runs while its batch holds the single writer.
  const state = complianceState(device, report);
  const stateHash = sha256Hex(JSON.stringify(state));
  const write = () => transact((trx) => writeStatus(trx, device, report, { state, stateHash, nowIso }));
  try {
    await write();
  } catch (error) {
    // Two reports of one machine raced to create its first compliance rows (PostgreSQL, SQL Server):
    // the loser runs again and updates the winner's rows. A replayed proof is a UserError, not this.
    if (!isUniqueViolation(error)) throw error;
    await write();
  }

  return {
    rotate: device.pendingRotations > 0 ? await listProtectorsToRotate(recovery, device.machine.id) : [],
    nextReportSeconds: options.nextReportSeconds,
  };
}

/**
 * One status report's writes, inside the caller's transaction: the proof's jti first, so a replay
 * writes nothing. Most reports are heartbeats that repeat the last state; those only move
 * last_contact_at (and the users' last_seen_at). A report that changes the state rewrites the
 * machine's compliance rows and adds a row to the status history.
 */
async function writeStatus(
  trx: Kysely<ComplianceDatabase>,
  device: DeviceContext,
  report: StatusRequest,
  { state, stateHash, nowIso }: { state: ComplianceState; stateHash: string; nowIso: string },
): Promise<void> {
  const machine = device.machine;
  await consumeDeviceProof(trx, device);
  if (await compliance.touchUnchangedMachine(trx, machine.id, stateHash, nowIso)) {
    await compliance.touchMachineUsers(trx, machine.id, state.users, nowIso);
    return;
  }
  await compliance.insertStatusReport(trx, {
    id: randomUUID(),
    machine_id: machine.id,
    device_id: device.deviceId,
    received_at: nowIso,
    agent_version: report.agentVersion,
    policy_hash: report.policyHash,
    report_json: JSON.stringify(report),
  });
  await compliance.upsertMachineCompliance(trx, {
    machine_id: machine.id,
    ...state.machine,
    last_contact_at: nowIso,
    state_hash: stateHash,
  });
  await compliance.replaceVolumeCompliance(
    trx,
    machine.id,
    state.volumes.map((v) => ({ machine_id: machine.id, ...v, updated_at: nowIso })),
  );
  await compliance.recordMachineUsers(trx, machine.id, state.users, nowIso);
}

/** Not localeCompare: the hash of a state must not depend on the server's locale. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type ComplianceState = ReturnType<typeof complianceState>;

/** Everything a report writes except timestamps: equal states hash equal. */
function complianceState(device: DeviceContext, report: StatusRequest) {
  const machine = device.machine;
  const { compliant, noncompliantVolumes } = machineCompliance(report);
  const users = [...new Map(report.users.map((u) => [userKey(u), u.trim()])).entries()]
    .map(([key, name]) => ({ userKey: key, userName: name }))
    .sort((a, b) => byCodePoint(a.userKey, b.userKey));
  const byGuid = new Map(report.volumes.map((v) => [normalizeGuid(v.volumeId), v]));
  // sorted, so the same volumes listed in another order are the same state
  const volumes = [...byGuid]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([volumeGuid, v]) => ({
      volume_guid: volumeGuid,
      drive_type: v.driveType,
      mount_point: v.mountPoint ?? null,
      conversion_status: v.conversionStatus,
      encryption_percentage: Math.round(v.encryptionPercentage),
      encryption_method: v.encryptionMethod,
      protection_status: v.protectionStatus,
      protector_types: [...new Set(v.keyProtectors.map((p) => p.type))].sort().join(','),
      compliant: v.compliant ? (1 as const) : (0 as const),
      reasons: [...new Set(v.reasonsForNoncompliance)].sort((a, b) => a - b).join(','),
    }));
  return {
    machine: {
      computer_name: machine.computer_name,
      domain: machine.domain,
      manufacturer: machine.manufacturer,
      model: machine.model,
      os_version: machine.os_version,
      compliant,
      noncompliant_volumes: noncompliantVolumes,
      tpm_present: report.tpm.present ? (1 as const) : (0 as const),
      tpm_ready: report.tpm.ready ? (1 as const) : (0 as const),
      tpm_version: report.tpm.version ?? null,
      agent_version: report.agentVersion,
      policy_hash: report.policyHash,
    },
    volumes,
    users,
  };
}
