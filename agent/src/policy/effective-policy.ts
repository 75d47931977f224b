// The effective policy: registry values turned into the decisions the agent makes. Not configured means
// what MBAM does when a policy is absent (the client does nothing until "Configure MBAM Services" arrives).
import { createHash } from 'node:crypto';
import type { DriveType, EncryptionMethod } from '@openmbam/server/protocol';
import type { PolicyValues } from './read-values';

export type OsProtectorPolicy = 'Tpm' | 'TpmPin';

export interface DrivePolicy {
  /** true: must be encrypted; false: policy disabled (must not be); null: not configured */
  readonly encrypt: boolean | null;
  /** the cipher policy requires, or null when no cipher policy is set */
  readonly method: EncryptionMethod | null;
  readonly usedSpaceOnly: boolean;
  readonly graceDays: number;
}

export interface EffectivePolicy {
  /** "Configure MBAM Services" is enabled: without it the agent only watches. */
  readonly managed: boolean;
  readonly escrow: { readonly enabled: boolean; readonly keyPackage: boolean };
  readonly wakeupMinutes: number;
  readonly statusReporting: boolean;
  readonly statusMinutes: number;
  readonly os: DrivePolicy & {
    readonly protector: OsProtectorPolicy;
    readonly allowWithoutTpm: boolean;
    /** false when the Windows startup policy forbids a PIN (UseTPMPIN = 0): a TPM+PIN requirement then conflicts */
    readonly pinAllowed: boolean;
  };
  readonly fixed: DrivePolicy & {
    readonly autoUnlock: 'Forbid' | 'Allow' | 'Require' | null;
    readonly passphrase: 'Require' | 'Forbid' | null;
  };
  readonly removable: DrivePolicy & { readonly allowApply: boolean };
  readonly userExemption: { readonly allowed: boolean; readonly maxDays: number };
  readonly noStartupDelay: boolean;
  /** base64url SHA-256 of the values read, for the status report */
  readonly hash: string;
}

const METHODS: Readonly<Record<number, EncryptionMethod>> = {
  1: 'Aes128Diffuser',
  2: 'Aes256Diffuser',
  3: 'Aes128',
  4: 'Aes256',
  6: 'XtsAes128',
  7: 'XtsAes256',
};

/** What Windows 10+ uses when no cipher policy is set. */
export const DEFAULT_METHOD: Readonly<Record<DriveType, EncryptionMethod>> = {
  OperatingSystem: 'XtsAes128',
  FixedData: 'XtsAes128',
  RemovableData: 'Aes128',
};

export function effectivePolicy(v: PolicyValues): EffectivePolicy {
  const num = (name: keyof PolicyValues): number | undefined =>
    typeof v[name] === 'number' ? (v[name] as number) : undefined;
  const on = (name: keyof PolicyValues): boolean => num(name) === 1;
  const tri = (name: keyof PolicyValues): boolean | null =>
    num(name) === undefined ? null : num(name) === 1;
  const method = (xts: keyof PolicyValues): EncryptionMethod | null =>
    METHODS[num(xts) ?? num('EncryptionMethodNoDiffuser') ?? num('EncryptionMethod') ?? 0] ?? null;
  const grace = (use: keyof PolicyValues, period: keyof PolicyValues): number =>
    on(use) ? (num(period) ?? 0) : 0;
  const usedSpace = (name: keyof PolicyValues): boolean => num(name) === 2;
  const autoUnlock = num('AutoUnlockFixedDataDrive');
  const managed = on('UseMBAMServices');

  return {
    managed,
    escrow: {
      enabled: managed && num('UseKeyRecoveryService') !== 0,
      keyPackage: num('KeyRecoveryOptions') !== 0,
    },
    wakeupMinutes: num('ClientWakeupFrequency') ?? 90,
    statusReporting: num('UseStatusReportingService') !== 0,
    statusMinutes: num('StatusReportingFrequency') ?? 720,
    os: {
      encrypt: tri('ShouldEncryptOSDrive'),
      method: method('EncryptionMethodWithXtsOs'),
      usedSpaceOnly: usedSpace('OSEncryptionType'),
      graceDays: grace('UseOsEnforcePolicy', 'OsEnforcePolicyPeriod'),
      protector: num('OSDriveProtector') === 4 ? 'TpmPin' : 'Tpm',
      allowWithoutTpm: on('EnableBDEWithNoTPM'),
      pinAllowed: num('UseTPMPIN') !== 0,
    },
    fixed: {
      encrypt: tri('ShouldEncryptFixedDataDrive'),
      method: method('EncryptionMethodWithXtsFdv'),
      usedSpaceOnly: usedSpace('FDVEncryptionType'),
      graceDays: grace('UseFddEnforcePolicy', 'FddEnforcePolicyPeriod'),
      autoUnlock:
        autoUnlock === 0 ? 'Forbid' : autoUnlock === 1 ? 'Allow' : autoUnlock === 2 ? 'Require' : null,
      passphrase:
        num('FDVPassphrase') === 0
          ? 'Forbid'
          : on('FDVPassphrase') && on('FDVEnforcePassphrase')
            ? 'Require'
            : null,
    },
    removable: {
      encrypt: null,
      method: method('EncryptionMethodWithXtsRdv'),
      usedSpaceOnly: usedSpace('RDVEncryptionType'),
      graceDays: 0,
      // "Allow users to apply BitLocker protection on removable data drives": then their keys are escrowed.
      allowApply: num('RDVConfigureBDE') !== 0 && num('RDVAllowBDE') !== 0,
    },
    userExemption: { allowed: on('AllowUserExemption'), maxDays: num('MaxTimeToGetUserExemption') ?? 7 },
    noStartupDelay: on('NoStartupDelay'),
    hash: policyHash(v),
  };
}

export function policyHash(v: PolicyValues): string {
  const sorted = Object.keys(v)
    .sort()
    .map((k) => [k, v[k as keyof PolicyValues]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url');
}

export function drivePolicy(policy: EffectivePolicy, driveType: DriveType): DrivePolicy {
  return driveType === 'OperatingSystem'
    ? policy.os
    : driveType === 'FixedData'
      ? policy.fixed
      : policy.removable;
}
