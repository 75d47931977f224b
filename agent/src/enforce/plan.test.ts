import { expect } from 'chai';
import type { TpmState, Volume } from '../platform/platform';
import { effectivePolicy } from '../policy/effective-policy';
import type { PolicyValues } from '../policy/read-values';
import { planVolume, type PlanInput } from './plan';

const TPM: TpmState = { present: true, enabled: true, activated: true, owned: true, version: '2.0' };
const NOW = new Date('2025-03-10T00:00:00Z');
const POLICY: PolicyValues = {
  UseMBAMServices: 1,
  ShouldEncryptOSDrive: 1,
  OSDriveProtector: 1,
  ShouldEncryptFixedDataDrive: 1,
  EncryptionMethodWithXtsOs: 7,
};

const decrypted = (over: Partial<Volume> = {}): Volume => ({
  volumeId: '{00000000-0000-0000-0000-000000000001}',
  mountPoint: 'C:',
  driveType: 'OperatingSystem',
  locked: false,
  conversionStatus: 'FullyDecrypted',
  encryptionPercentage: 0,
  encryptionMethod: 'None',
  protectionStatus: 'Off',
  autoUnlockEnabled: null,
  keyProtectors: [],
  ...over,
});

function plan(over: Partial<PlanInput> = {}, values: PolicyValues = POLICY) {
  return planVolume({
    volume: decrypted(),
    policy: effectivePolicy(values),
    tpm: TPM,
    osVolume: undefined,
    now: NOW,
    noncompliantSince: NOW,
    usersExempt: false,
    remoteSession: false,
    afterStart: false,
    escrowable: true,
    ...over,
  });
}

describe('enforcement plan', () => {
  it('encrypts a decrypted OS drive: recovery password first, then TPM, then encryption with the policy cipher', () => {
    expect(plan().steps).to.deep.equal([
      { kind: 'add-recovery-password' },
      { kind: 'add-tpm-protector' },
      { kind: 'start-encryption', method: 'XtsAes256', usedSpaceOnly: false },
    ]);
    expect(
      plan({}, { ...POLICY, OSEncryptionType: 2, EncryptionMethodWithXtsOs: undefined }).steps.at(-1),
    ).to.deep.equal({ kind: 'start-encryption', method: 'XtsAes128', usedSpaceOnly: true });
  });

  it('honours the grace period from the day non-compliance was first seen', () => {
    const values = { ...POLICY, UseOsEnforcePolicy: 1, OsEnforcePolicyPeriod: 14 };
    const since = new Date(NOW.getTime() - 13 * 86_400_000);
    expect(plan({ noncompliantSince: since }, values)).to.deep.equal({
      steps: [],
      waiting: 'the grace period runs until 2025-03-11T00:00:00.000Z',
    });
    expect(
      plan({ noncompliantSince: new Date(NOW.getTime() - 14 * 86_400_000) }, values).steps,
    ).to.have.length(3);
  });

  it('waits while every user is exempt (if exemption is allowed), during RDP, for a PIN, or without a TPM', () => {
    expect(plan({ usersExempt: true }, { ...POLICY, AllowUserExemption: 1 }).waiting).to.equal(
      'every user of this computer is exempt',
    );
    expect(plan({ usersExempt: true }).waiting).to.equal(undefined);
    expect(plan({ remoteSession: true }).waiting).to.match(/remote desktop/);
    expect(plan({}, { ...POLICY, OSDriveProtector: 4 }).waiting).to.match(/TPM\+PIN/);
    expect(
      plan({ tpm: { present: false, enabled: false, activated: false, owned: false } }).waiting,
    ).to.match(/no usable TPM/);
  });

  it('never encrypts when escrow is off', () => {
    expect(plan({ escrowable: false })).to.deep.equal({
      steps: [],
      waiting: 'key escrow is off: the agent never encrypts without escrowing the recovery password first',
    });
  });

  it('gives an encrypted drive without a recovery password one, and resumes paused encryption and (after a restart) suspended protection', () => {
    const encrypted = decrypted({
      conversionStatus: 'FullyEncrypted',
      encryptionMethod: 'XtsAes256',
      protectionStatus: 'Off',
      keyProtectors: [{ id: '{00000000-0000-0000-0000-0000000000A1}', type: 'Tpm' }],
    });
    expect(plan({ volume: encrypted }).steps).to.deep.equal([{ kind: 'add-recovery-password' }]);
    expect(plan({ volume: encrypted, afterStart: true }).steps).to.deep.equal([
      { kind: 'add-recovery-password' },
      { kind: 'resume-protection' },
    ]);
    expect(plan({ volume: { ...encrypted, conversionStatus: 'EncryptionPaused' } }).steps).to.deep.equal([
      { kind: 'add-recovery-password' },
      { kind: 'resume-encryption' },
    ]);
  });

  it('encrypts a fixed drive only after the OS drive, with auto-unlock', () => {
    const fixed = decrypted({ driveType: 'FixedData', mountPoint: 'D:', autoUnlockEnabled: false });
    const osPending = decrypted({ conversionStatus: 'EncryptionInProgress' });
    expect(plan({ volume: fixed, osVolume: osPending }).waiting).to.match(
      /wait until the OS drive is encrypted/,
    );
    const osDone = decrypted({ conversionStatus: 'FullyEncrypted' });
    expect(plan({ volume: fixed, osVolume: osDone }).steps.map((s) => s.kind)).to.deep.equal([
      'add-recovery-password',
      'enable-auto-unlock',
      'start-encryption',
    ]);
  });

  it('leaves locked volumes and removable drives alone (a removable drive only gets a recovery password once the user encrypts it)', () => {
    expect(plan({ volume: decrypted({ locked: true, conversionStatus: null }) })).to.deep.equal({
      steps: [],
      waiting: 'the volume is locked',
    });
    expect(plan({ volume: decrypted({ driveType: 'RemovableData' }) }).steps).to.deep.equal([]);
    const stick = decrypted({
      driveType: 'RemovableData',
      conversionStatus: 'EncryptionInProgress',
      keyProtectors: [{ id: '{00000000-0000-0000-0000-0000000000B1}', type: 'Passphrase' }],
    });
    expect(plan({ volume: stick }).steps).to.deep.equal([{ kind: 'add-recovery-password' }]);
  });
});
