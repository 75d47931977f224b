// Row types of the Compliance and Audit Database ("MBAM Compliance Status"): the status history (a row
// per change of a machine's state), current compliance per machine and per volume (kept current on
// arrival, not rebuilt), machine–user association, replay protection for device proofs, and the audit
// log.
import type { Selectable } from 'kysely';
import type { Flag } from './recovery-database';

/** One row per change of a machine's reported state (a report that changes nothing adds none). */
export interface StatusReportsTable {
  id: string;
  machine_id: string;
  device_id: string;
  received_at: string;
  agent_version: string;
  policy_hash: string;
  /** the report as received; it never contains secrets (the wire schema has no secret field) */
  report_json: string;
}

export interface MachineComplianceTable {
  machine_id: string;
  computer_name: string;
  domain: string;
  manufacturer: string;
  model: string;
  os_version: string;
  /** 0 non-compliant, 1 compliant, 2 not applicable (MBAM's Mbam_Volume.Compliant) */
  compliant: number;
  noncompliant_volumes: number;
  tpm_present: Flag;
  tpm_ready: Flag;
  tpm_version: string | null;
  agent_version: string;
  policy_hash: string;
  last_contact_at: string;
  /** SHA-256 of the state last written (status-service.ts complianceState); null until the first report after migration */
  state_hash: string | null;
}

export interface VolumeComplianceTable {
  machine_id: string;
  volume_guid: string;
  drive_type: string;
  mount_point: string | null;
  conversion_status: string;
  encryption_percentage: number;
  encryption_method: string;
  protection_status: string;
  /** comma-separated key protector types, sorted */
  protector_types: string;
  compliant: Flag;
  /** comma-separated MBAM non-compliance codes (0–16) */
  reasons: string;
  updated_at: string;
}

export interface MachineUsersTable {
  machine_id: string;
  /** upper-cased `DOMAIN\user` */
  user_key: string;
  user_name: string;
  first_seen_at: string;
  last_seen_at: string;
}

export interface DeviceProofNoncesTable {
  device_id: string;
  jti: string;
  expires_at: string;
}

export interface AuditLogTable {
  seq: number;
  occurred_at: string;
  actor: string;
  actor_role: string;
  source: string;
  client_address: string;
  action: string;
  target_key_id: string | null;
  target_computer: string | null;
  reason: string | null;
  result: string;
  prev_hash: string;
  hash: string;
  /** the end user a help desk request is for (migration 2026_11_28_200400) */
  target_user: string | null;
}

export interface ComplianceDatabase {
  status_reports: StatusReportsTable;
  machine_compliance: MachineComplianceTable;
  volume_compliance: VolumeComplianceTable;
  machine_users: MachineUsersTable;
  device_proof_nonces: DeviceProofNoncesTable;
  audit_log: AuditLogTable;
  rate_limit_events: RateLimitEventsTable;
  rate_limit_buckets: RateLimitBucketsTable;
}

export type MachineComplianceRow = Selectable<MachineComplianceTable>;
export type VolumeComplianceRow = Selectable<VolumeComplianceTable>;
export type AuditLogRow = Selectable<AuditLogTable>;

/** One allowed key-lookup attempt in a rate-limit bucket (`user:…` or `address:…`). */
export interface RateLimitEventsTable {
  id: string;
  bucket: string;
  occurred_at: string;
}

/** One row per bucket, locked by each check so checks of one bucket are serialised across instances. */
export interface RateLimitBucketsTable {
  bucket: string;
  checked_at: string;
}
