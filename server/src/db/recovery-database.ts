// Row types of the Recovery Database ("MBAM Recovery and Hardware"): machines, their volumes and
// key protectors with sealed recovery secrets, TPM owner authorization, devices and enrollment tokens.
// These types never leave the repositories (style.md §1.3).
import type { Insertable, Selectable, Updateable } from 'kysely';

/** 0/1 flag columns: identical in SQLite, PostgreSQL and SQL Server. */
export type Flag = 0 | 1;

export interface MachinesTable {
  id: string;
  computer_name: string;
  domain: string;
  /** upper-cased `DOMAIN\COMPUTER`, the identity a re-enrolled computer is matched by */
  identity_key: string;
  fqdn: string;
  os_version: string;
  manufacturer: string;
  model: string;
  tpm_present: Flag;
  tpm_version: string | null;
  tpm_manufacturer: string | null;
  created_at: string;
  updated_at: string;
}

export interface DevicesTable {
  id: string;
  machine_id: string;
  public_key_jwk: string;
  enrollment_token_id: string;
  enrolled_at: string;
  revoked_at: string | null;
}

export interface EnrollmentTokensTable {
  id: string;
  /** SHA-256 of the token; the token itself is shown once and never stored */
  token_hash: string;
  label: string;
  created_at: string;
  expires_at: string;
  max_uses: number;
  uses: number;
  revoked_at: string | null;
  /** 1: may enroll a computer that is already known (its earlier devices are then revoked) */
  allow_reenrollment: Flag;
}

export interface VolumesTable {
  id: string;
  machine_id: string;
  volume_guid: string;
  drive_type: string;
  mount_point: string | null;
  created_at: string;
  updated_at: string;
}

export interface KeyProtectorsTable {
  id: string;
  volume_id: string;
  machine_id: string;
  key_protector_id: string;
  recovery_password_ciphertext: Uint8Array;
  recovery_password_wrapped_key: Uint8Array;
  recovery_password_kek_id: string;
  key_package_ciphertext: Uint8Array | null;
  key_package_wrapped_key: Uint8Array | null;
  key_package_kek_id: string | null;
  escrowed_by_device_id: string;
  created_at: string;
  disclosed_at: string | null;
  /** set when the agent confirms the disclosed protector is gone from the volume */
  rotated_at: string | null;
}

export interface TpmOwnerAuthTable {
  machine_id: string;
  ciphertext: Uint8Array;
  wrapped_key: Uint8Array;
  kek_id: string;
  updated_at: string;
}

export interface LocalUsersTable {
  id: string;
  user_name: string;
  /** upper-cased user name, unique */
  user_key: string;
  display_name: string;
  /** scrypt$N$r$p$salt$hash (people/password.ts) */
  password_hash: string;
  /** comma-separated role names (people/roles.ts) */
  roles: string;
  must_change_password: Flag;
  created_at: string;
  disabled_at: string | null;
}

export interface RecoveryDatabase {
  local_users: LocalUsersTable;
  machines: MachinesTable;
  devices: DevicesTable;
  enrollment_tokens: EnrollmentTokensTable;
  volumes: VolumesTable;
  key_protectors: KeyProtectorsTable;
  tpm_owner_auth: TpmOwnerAuthTable;
}

export type MachineRow = Selectable<MachinesTable>;
export type NewMachineRow = Insertable<MachinesTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type EnrollmentTokenRow = Selectable<EnrollmentTokensTable>;
export type VolumeRow = Selectable<VolumesTable>;
export type KeyProtectorRow = Selectable<KeyProtectorsTable>;
export type NewKeyProtectorRow = Insertable<KeyProtectorsTable>;
export type KeyProtectorUpdate = Updateable<KeyProtectorsTable>;
export type LocalUserRow = Selectable<LocalUsersTable>;

// --- People and portals (migration 2026_11_28_200000_sessions); merged into RecoveryDatabase. ---

export interface SessionsTable {
  /** SHA-256 (hex) of the session cookie value */
  id: string;
  /** local user id, or `oidc:<issuer>#<sub>` */
  principal_id: string;
  user_name: string;
  display_name: string;
  /** comma-separated role names */
  roles: string;
  source: string;
  csrf_token: string;
  /** a local user who must choose a new password may only do that */
  must_change_password: Flag;
  idle_timeout_seconds: number;
  created_at: string;
  last_seen_at: string;
  /** absolute end, whatever the activity */
  expires_at: string;
}

export interface SignInStatesTable {
  /** SHA-256 (hex) of the OAuth `state` */
  id: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  /** SHA-256 (hex) of the token; the token is shown once and never stored */
  token_hash: string;
  owner_id: string;
  owner_name: string;
  display_name: string;
  source: string;
  /** roles at creation (OpenID Connect owners); local owners' roles are read from local_users at use */
  roles: string;
  label: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface RoleMappingsTable {
  id: string;
  claim_value: string;
  role: string;
  created_at: string;
  created_by: string;
}

export interface SettingsTable {
  key: string;
  /** JSON text */
  value: string;
  updated_at: string;
  updated_by: string;
}

export interface RecoveryDatabase {
  sessions: SessionsTable;
  sign_in_states: SignInStatesTable;
  api_tokens: ApiTokensTable;
  role_mappings: RoleMappingsTable;
  settings: SettingsTable;
}

export type SessionRow = Selectable<SessionsTable>;
export type SignInStateRow = Selectable<SignInStatesTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type RoleMappingRow = Selectable<RoleMappingsTable>;
