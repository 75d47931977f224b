// MBAM's per-volume non-compliance codes (reference/mbam-server.md §4.3), as a pure function of the
// volume, the machine's TPM and the effective policy. A drive with a superset of the protectors policy
// requires is compliant (MBAM 2.0 "Protectors Flexible Policy").
import type { EncryptionMethod, KeyProtectorType } from '@openmbam/server/protocol';
import { TPM_PROTECTOR_TYPES, type TpmState, type Volume } from '../platform/platform';
import { drivePolicy, type EffectivePolicy } from './effective-policy';

export const Reason = {
  CipherNotAes256: 0,
  MustBeEncrypted: 1,
  MustNotBeEncrypted: 2,
  NeedsTpmProtector: 3,
  NeedsTpmPinProtector: 4,
  NonTpmNotAllowed: 5,
  TpmProtectorWithoutTpm: 6,
  NeedsPasswordProtector: 7,
  MustNotHavePasswordProtector: 8,
  NeedsAutoUnlock: 9,
  MustNotHaveAutoUnlock: 10,
  PolicyConflict: 11,
  SystemVolumeMissing: 12,
  ProtectionSuspended: 13,
  AutoUnlockUnsafe: 14,
  WeakerThanXtsAes128: 15,
  WeakerThanXtsAes256: 16,
} as const;

export interface Compliance {
  readonly compliant: boolean;
  readonly reasons: number[];
}

export interface ComplianceContext {
  readonly policy: EffectivePolicy;
  readonly tpm: TpmState;
  /** the OS volume, for the fixed-drive auto-unlock rule */
  readonly osVolume: Volume | undefined;
}

export function evaluateVolume(volume: Volume, ctx: ComplianceContext): Compliance {
  const { policy, tpm } = ctx;
  const reasons = new Set<number>();
  const has = (...types: KeyProtectorType[]): boolean =>
    volume.keyProtectors.some((p) => types.includes(p.type));
  const status = volume.conversionStatus;
  const dp = drivePolicy(policy, volume.driveType);

  if (dp.encrypt === true) {
    if (status !== 'FullyEncrypted') reasons.add(Reason.MustBeEncrypted);
    if (status !== 'FullyDecrypted' && dp.method) {
      const weak = cipherReason(dp.method, volume.encryptionMethod);
      if (weak !== undefined) reasons.add(weak);
    }
    if (status === 'FullyEncrypted' && volume.protectionStatus === 'Off')
      reasons.add(Reason.ProtectionSuspended);
  }
  if (dp.encrypt === false && status !== 'FullyDecrypted' && status !== 'DecryptionInProgress')
    reasons.add(Reason.MustNotBeEncrypted);

  if (volume.driveType === 'OperatingSystem') {
    if (dp.encrypt === true) {
      if (!tpm.present && !policy.os.allowWithoutTpm) reasons.add(Reason.NonTpmNotAllowed);
      if (policy.os.protector === 'TpmPin') {
        if (!policy.os.pinAllowed) reasons.add(Reason.PolicyConflict);
        if (!has('TpmPin', 'TpmPinStartupKey')) reasons.add(Reason.NeedsTpmPinProtector);
      } else if (tpm.present && !has(...TPM_PROTECTOR_TYPES)) reasons.add(Reason.NeedsTpmProtector);
    }
    if (has(...TPM_PROTECTOR_TYPES) && !tpm.present) reasons.add(Reason.TpmProtectorWithoutTpm);
  }

  if (volume.driveType === 'FixedData') {
    const fixed = policy.fixed;
    if (dp.encrypt === true && fixed.passphrase === 'Require' && !has('Passphrase'))
      reasons.add(Reason.NeedsPasswordProtector);
    if (fixed.passphrase === 'Forbid' && has('Passphrase')) reasons.add(Reason.MustNotHavePasswordProtector);
    if (dp.encrypt === true && fixed.autoUnlock === 'Require' && volume.autoUnlockEnabled === false)
      reasons.add(Reason.NeedsAutoUnlock);
    if (fixed.autoUnlock === 'Forbid' && volume.autoUnlockEnabled === true)
      reasons.add(Reason.MustNotHaveAutoUnlock);
    if (volume.autoUnlockEnabled === true && ctx.osVolume?.conversionStatus !== 'FullyEncrypted')
      reasons.add(Reason.AutoUnlockUnsafe);
  }

  const sorted = [...reasons].sort((a, b) => a - b);
  return { compliant: sorted.length === 0, reasons: sorted };
}

/** The cipher rule: XTS-AES-256 > XTS-AES-128; AES-256 requirements accept any 256-bit cipher. */
function cipherReason(required: EncryptionMethod, actual: EncryptionMethod): number | undefined {
  if (required === 'XtsAes256') return actual === 'XtsAes256' ? undefined : Reason.WeakerThanXtsAes256;
  if (required === 'XtsAes128')
    return actual === 'XtsAes128' || actual === 'XtsAes256' ? undefined : Reason.WeakerThanXtsAes128;
  if (required === 'Aes256' || required === 'Aes256Diffuser')
    return ['Aes256', 'Aes256Diffuser', 'XtsAes256'].includes(actual) ? undefined : Reason.CipherNotAes256;
  return undefined;
}
