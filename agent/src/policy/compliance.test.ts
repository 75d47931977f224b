import { expect } from 'chai';
import type { TpmState, Volume } from '../platform/platform';
import { evaluateVolume, Reason } from './compliance';
import { effectivePolicy } from './effective-policy';
import type { PolicyValues } from './read-values';

const TPM: TpmState = { present: true, enabled: true, activated: true, owned: true, version: '2.0' };
const NO_TPM: TpmState = { present: false, enabled: false, activated: false, owned: false };

function volume(over: Partial<Volume> = {}): Volume {
  return {
    volumeId: '{00000000-0000-0000-0000-000000000001}',
    mountPoint: 'C:',
    driveType: 'OperatingSystem',
    locked: false,
    conversionStatus: 'FullyEncrypted',
    encryptionPercentage: 100,
    encryptionMethod: 'XtsAes256',
    protectionStatus: 'On',
    autoUnlockEnabled: null,
    keyProtectors: [
      { id: '{00000000-0000-0000-0000-0000000000A1}', type: 'Tpm' },
      { id: '{00000000-0000-0000-0000-0000000000A2}', type: 'NumericalPassword' },
    ],
    ...over,
  };
}

const base: PolicyValues = {
  UseMBAMServices: 1,
  ShouldEncryptOSDrive: 1,
  OSDriveProtector: 1,
  ShouldEncryptFixedDataDrive: 1,
};
const check = (v: Volume, values: PolicyValues = base, tpm = TPM, osVolume?: Volume) =>
  evaluateVolume(v, { policy: effectivePolicy(values), tpm, osVolume });

describe('compliance (MBAM non-compliance codes 0–16)', () => {
  it('finds an encrypted OS drive with TPM and recovery password compliant', () => {
    expect(check(volume())).to.deep.equal({ compliant: true, reasons: [] });
  });

  it('1: must be encrypted but is not (also while encryption is in progress)', () => {
    expect(
      check(
        volume({
          conversionStatus: 'FullyDecrypted',
          encryptionMethod: 'None',
          protectionStatus: 'Off',
          keyProtectors: [],
        }),
      ).reasons,
    ).to.deep.equal([Reason.MustBeEncrypted, Reason.NeedsTpmProtector]);
    expect(
      check(volume({ conversionStatus: 'EncryptionInProgress', protectionStatus: 'Off' })).reasons,
    ).to.deep.equal([Reason.MustBeEncrypted]);
  });

  it('2: must not be encrypted but is, when the drive policy is disabled', () => {
    expect(check(volume(), { ...base, ShouldEncryptOSDrive: 0 }).reasons).to.deep.equal([
      Reason.MustNotBeEncrypted,
    ]);
  });

  it('3, 4, 11: protector requirements, TPM+PIN counting as a superset of TPM, and a PIN forbidden by Windows policy', () => {
    expect(
      check(
        volume({
          keyProtectors: [{ id: '{00000000-0000-0000-0000-0000000000A2}', type: 'NumericalPassword' }],
        }),
      ).reasons,
    ).to.deep.equal([Reason.NeedsTpmProtector]);
    expect(
      check(volume({ keyProtectors: [{ id: '{00000000-0000-0000-0000-0000000000A3}', type: 'TpmPin' }] }))
        .compliant,
    ).to.equal(true);
    expect(check(volume(), { ...base, OSDriveProtector: 4 }).reasons).to.deep.equal([
      Reason.NeedsTpmPinProtector,
    ]);
    expect(check(volume(), { ...base, OSDriveProtector: 4, UseTPMPIN: 0 }).reasons).to.deep.equal(
      [Reason.NeedsTpmPinProtector, Reason.PolicyConflict].sort((a, b) => a - b),
    );
  });

  it('5 and 6: no TPM on the machine', () => {
    expect(check(volume(), base, NO_TPM).reasons).to.deep.equal([
      Reason.NonTpmNotAllowed,
      Reason.TpmProtectorWithoutTpm,
    ]);
    expect(
      check(volume({ keyProtectors: [] }), { ...base, EnableBDEWithNoTPM: 1 }, NO_TPM).compliant,
    ).to.equal(true);
  });

  it('13: protection suspended', () => {
    expect(check(volume({ protectionStatus: 'Off' })).reasons).to.deep.equal([Reason.ProtectionSuspended]);
  });

  it('0, 15, 16: cipher strength against the policy', () => {
    expect(
      check(volume({ encryptionMethod: 'XtsAes128' }), { ...base, EncryptionMethodWithXtsOs: 7 }).reasons,
    ).to.deep.equal([Reason.WeakerThanXtsAes256]);
    expect(
      check(volume({ encryptionMethod: 'Aes256' }), { ...base, EncryptionMethodWithXtsOs: 6 }).reasons,
    ).to.deep.equal([Reason.WeakerThanXtsAes128]);
    expect(
      check(volume({ encryptionMethod: 'Aes128' }), { ...base, EncryptionMethodWithXtsOs: 4 }).reasons,
    ).to.deep.equal([Reason.CipherNotAes256]);
    expect(
      check(volume({ encryptionMethod: 'XtsAes256' }), { ...base, EncryptionMethodWithXtsOs: 6 }).compliant,
    ).to.equal(true);
  });

  describe('fixed data drives', () => {
    const fixed = (over: Partial<Volume> = {}) =>
      volume({
        driveType: 'FixedData',
        mountPoint: 'D:',
        autoUnlockEnabled: true,
        keyProtectors: [{ id: '{00000000-0000-0000-0000-0000000000B1}', type: 'NumericalPassword' }],
        ...over,
      });
    const os = volume();

    it('7 and 8: password protector required or forbidden', () => {
      expect(
        check(fixed(), { ...base, FDVPassphrase: 1, FDVEnforcePassphrase: 1 }, TPM, os).reasons,
      ).to.deep.equal([Reason.NeedsPasswordProtector]);
      const withPassword = fixed({
        keyProtectors: [{ id: '{00000000-0000-0000-0000-0000000000B2}', type: 'Passphrase' }],
      });
      expect(check(withPassword, { ...base, FDVPassphrase: 0 }, TPM, os).reasons).to.deep.equal([
        Reason.MustNotHavePasswordProtector,
      ]);
    });

    it('9, 10 and 14: auto-unlock required, forbidden, or unsafe while the OS drive is not encrypted', () => {
      expect(
        check(fixed({ autoUnlockEnabled: false }), { ...base, AutoUnlockFixedDataDrive: 2 }, TPM, os).reasons,
      ).to.deep.equal([Reason.NeedsAutoUnlock]);
      expect(check(fixed(), { ...base, AutoUnlockFixedDataDrive: 0 }, TPM, os).reasons).to.deep.equal([
        Reason.MustNotHaveAutoUnlock,
      ]);
      const osDecrypted = volume({ conversionStatus: 'EncryptionInProgress' });
      expect(check(fixed(), base, TPM, osDecrypted).reasons).to.deep.equal([Reason.AutoUnlockUnsafe]);
    });
  });

  it('finds a removable drive compliant whatever its state (never required)', () => {
    const stick = volume({
      driveType: 'RemovableData',
      mountPoint: 'E:',
      conversionStatus: 'FullyDecrypted',
      keyProtectors: [],
    });
    expect(check(stick).compliant).to.equal(true);
  });
});
