// THE SEAM: which registry values the agent reads, with their keys, types and ranges. Today this is a
// table transcribed from reference/mbam-policies.md §3 and Appendix A; once `@openmbam/policy-templates`
// loads (its `mbamRegistryValues()`), `policyValueSpecs()` is the one function to switch to it. Nothing
// else in the agent names a registry key or value.
//
// Deliberate difference from the Group Policy editor's ranges: the wake-up and status frequencies accept
// 1–10080 minutes, because a hand-edited registry value below the 90-minute GP minimum is documented as a
// test setting (mbam-v2 "evaluating" doc), and the agent must honour it.

export const MDOP_KEY = 'SOFTWARE\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement';
export const FVE_KEY = 'SOFTWARE\\Policies\\Microsoft\\FVE';
/** Agent state written by the installer, not by Group Policy (bitlocker-client.md §7.2). */
export const MBAM_STATE_KEY = 'SOFTWARE\\Microsoft\\MBAM';

/** The per-user exemption lives in each user's policy hive (`HKU\<SID>\…`); the value name is the policy templates' own. */
export const USER_EXEMPTION = { key: MDOP_KEY, valueName: 'UserExemption' } as const;

export interface ValueSpec {
  readonly key: string;
  readonly kind: 'dword' | 'string';
  /** closed set of allowed values */
  readonly allowed?: readonly number[];
  readonly min?: number;
  readonly max?: number;
}

const flag = (key: string): ValueSpec => ({ key, kind: 'dword', allowed: [0, 1] });
const dword = (key: string, min: number, max: number): ValueSpec => ({ key, kind: 'dword', min, max });
const oneOf = (key: string, ...allowed: number[]): ValueSpec => ({ key, kind: 'dword', allowed });

const SPECS = {
  // Configure MBAM Services
  UseMBAMServices: flag(MDOP_KEY),
  UseKeyRecoveryService: flag(MDOP_KEY),
  KeyRecoveryOptions: oneOf(MDOP_KEY, 0, 1),
  KeyRecoveryServiceEndPoint: { key: MDOP_KEY, kind: 'string' },
  ClientWakeupFrequency: dword(MDOP_KEY, 1, 10080),
  UseStatusReportingService: flag(MDOP_KEY),
  StatusReportingFrequency: dword(MDOP_KEY, 1, 10080),
  // Operating system drive
  ShouldEncryptOSDrive: flag(MDOP_KEY),
  OSDriveProtector: oneOf(MDOP_KEY, 1, 4),
  UseOsEnforcePolicy: flag(MDOP_KEY),
  OsEnforcePolicyPeriod: dword(MDOP_KEY, 0, 730),
  EnableBDEWithNoTPM: flag(FVE_KEY),
  UseTPMPIN: oneOf(FVE_KEY, 0, 1, 2),
  OSEncryptionType: oneOf(FVE_KEY, 0, 1, 2),
  // Fixed data drives
  ShouldEncryptFixedDataDrive: flag(MDOP_KEY),
  AutoUnlockFixedDataDrive: oneOf(MDOP_KEY, 0, 1, 2),
  UseFddEnforcePolicy: flag(MDOP_KEY),
  FddEnforcePolicyPeriod: dword(MDOP_KEY, 0, 730),
  FDVPassphrase: flag(FVE_KEY),
  FDVEnforcePassphrase: flag(FVE_KEY),
  FDVEncryptionType: oneOf(FVE_KEY, 0, 1, 2),
  // Removable data drives
  RDVConfigureBDE: flag(FVE_KEY),
  RDVAllowBDE: flag(FVE_KEY),
  RDVEncryptionType: oneOf(FVE_KEY, 0, 1, 2),
  // Cipher strength (newest policy wins: XTS, then no-diffuser, then the Windows 7 one)
  EncryptionMethodWithXtsOs: oneOf(FVE_KEY, 3, 4, 6, 7),
  EncryptionMethodWithXtsFdv: oneOf(FVE_KEY, 3, 4, 6, 7),
  EncryptionMethodWithXtsRdv: oneOf(FVE_KEY, 3, 4, 6, 7),
  EncryptionMethodNoDiffuser: oneOf(FVE_KEY, 3, 4),
  EncryptionMethod: oneOf(FVE_KEY, 1, 2, 3, 4),
  // User exemption
  AllowUserExemption: flag(MDOP_KEY),
  MaxTimeToGetUserExemption: dword(MDOP_KEY, 0, 365),
  // Agent state (test only): skip the random start-up delay
  NoStartupDelay: flag(MBAM_STATE_KEY),
} as const satisfies Record<string, ValueSpec>;

export type PolicyValueName = keyof typeof SPECS;

export function policyValueSpecs(): Readonly<Record<PolicyValueName, ValueSpec>> {
  return SPECS;
}

/** The registry keys to read, once each. */
export function policyKeys(): string[] {
  return [...new Set(Object.values(policyValueSpecs()).map((s) => s.key))];
}
