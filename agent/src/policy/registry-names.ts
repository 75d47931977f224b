// THE SEAM: which registry values the agent reads, with their keys, types and ranges. Keys, types,
// allowed values and ranges come from the policy definitions (`@openmbam/policy-templates`,
// `mbamRegistryValues()`); this module only chooses which values the agent needs and records the few
// places where the agent must accept more than the Group Policy editor writes:
//  * ClientWakeupFrequency / StatusReportingFrequency accept 1–10080 minutes: a hand-edited value below
//    the 90-minute GP minimum is documented as a test setting (mbam-v2 "evaluating" doc).
//  * UseTPMPIN accepts 2 ("allow"), which Windows' own BitLocker policy writes.
//  * OSEncryptionType/FDVEncryptionType/RDVEncryptionType are Windows VolumeEncryption.admx values that the
//    MBAM policy set does not define (MBAM 2.5 SP1 honours them); NoStartupDelay is agent state written by
//    hand or the installer, not policy. These four are described here.
import { FVE_KEY, MDOP_KEY, mbamRegistryValues } from '@openmbam/policy-templates';
import { InternalError } from '../errors';

export { FVE_KEY, MDOP_KEY };
/** Agent state written by the installer, not by Group Policy (bitlocker-client.md §7.2). */
export const MBAM_STATE_KEY = 'SOFTWARE\\Microsoft\\MBAM';

export interface ValueSpec {
  readonly key: string;
  readonly kind: 'dword' | 'string';
  /** closed set of allowed values */
  readonly allowed?: readonly number[];
  readonly min?: number;
  readonly max?: number;
}

/** The values the agent reads from the MBAM policy set (HKLM). */
const FROM_DEFINITIONS = [
  'UseMBAMServices',
  'UseKeyRecoveryService',
  'KeyRecoveryOptions',
  'KeyRecoveryServiceEndPoint',
  'ClientWakeupFrequency',
  'UseStatusReportingService',
  'StatusReportingFrequency',
  'ShouldEncryptOSDrive',
  'OSDriveProtector',
  'UseOsEnforcePolicy',
  'OsEnforcePolicyPeriod',
  'EnableBDEWithNoTPM',
  'UseTPMPIN',
  'ShouldEncryptFixedDataDrive',
  'AutoUnlockFixedDataDrive',
  'UseFddEnforcePolicy',
  'FddEnforcePolicyPeriod',
  'FDVPassphrase',
  'FDVEnforcePassphrase',
  'RDVConfigureBDE',
  'RDVAllowBDE',
  'EncryptionMethodWithXtsOs',
  'EncryptionMethodWithXtsFdv',
  'EncryptionMethodWithXtsRdv',
  'EncryptionMethodNoDiffuser',
  'EncryptionMethod',
  'AllowUserExemption',
  'MaxTimeToGetUserExemption',
] as const;

const usedSpaceOnly = (): ValueSpec => ({ key: FVE_KEY, kind: 'dword', allowed: [0, 1, 2] });
const LOCAL = {
  OSEncryptionType: usedSpaceOnly(),
  FDVEncryptionType: usedSpaceOnly(),
  RDVEncryptionType: usedSpaceOnly(),
  NoStartupDelay: { key: MBAM_STATE_KEY, kind: 'dword', allowed: [0, 1] },
} as const satisfies Record<string, ValueSpec>;

export type PolicyValueName = (typeof FROM_DEFINITIONS)[number] | keyof typeof LOCAL;

const OVERRIDES: Partial<Record<PolicyValueName, Partial<ValueSpec>>> = {
  ClientWakeupFrequency: { min: 1 },
  StatusReportingFrequency: { min: 1 },
  UseTPMPIN: { allowed: [0, 1, 2] },
};

let specs: Readonly<Record<PolicyValueName, ValueSpec>> | undefined;

export function policyValueSpecs(): Readonly<Record<PolicyValueName, ValueSpec>> {
  if (specs) return specs;
  const rows = mbamRegistryValues().filter((r) => r.hive === 'HKLM');
  const fromDefinitions = FROM_DEFINITIONS.map((name): [PolicyValueName, ValueSpec] => {
    const row = rows.find((r) => r.valueName === name);
    if (!row)
      throw new InternalError(
        `the MBAM policy definitions write no HKLM value ${name}, which the agent reads`,
      );
    const allowed = row.allowed?.filter((a): a is number => typeof a === 'number');
    const spec: ValueSpec = {
      key: row.key,
      kind: row.type === 'REG_DWORD' ? 'dword' : 'string',
      ...(allowed && allowed.length > 0 ? { allowed } : {}),
      ...(typeof row.min === 'number' ? { min: row.min } : {}),
      ...(typeof row.max === 'number' && row.type === 'REG_DWORD' ? { max: row.max } : {}),
    };
    return [name, { ...spec, ...OVERRIDES[name] }];
  });
  specs = { ...Object.fromEntries(fromDefinitions), ...LOCAL } as unknown as Record<
    PolicyValueName,
    ValueSpec
  >;
  return specs;
}

/** The registry keys to read, once each. */
export function policyKeys(): string[] {
  return [...new Set(Object.values(policyValueSpecs()).map((s) => s.key))];
}

/** The per-user exemption, read from each user's policy hive (`HKU\<SID>\…`). */
export function userExemptionValue(): { key: string; valueName: string } {
  const row = mbamRegistryValues().find((r) => r.hive === 'HKCU' && r.policy === 'UserExemptionPolicy');
  if (!row) throw new InternalError('the MBAM policy definitions have no per-user exemption value');
  return { key: row.key, valueName: row.valueName };
}
