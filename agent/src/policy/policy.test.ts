import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parseRegistry } from '../platform/windows/parse-registry';
import { checkPolicyValues } from './read-values';
import { effectivePolicy } from './effective-policy';
import { policyKeys } from './registry-names';

const registryFixture = (name: string) =>
  parseRegistry(
    JSON.parse(readFileSync(new URL(`../platform/windows/fixtures/${name}`, import.meta.url), 'utf8')),
    policyKeys(),
  ).keys;

describe('effective policy from the registry', () => {
  it('reads an MBAM GPO into decisions', () => {
    const { values, problems } = checkPolicyValues(registryFixture('registry-mbam-gpo.json'));
    expect(problems).to.deep.equal([]);
    const p = effectivePolicy(values);
    expect(p).to.deep.include({
      managed: true,
      escrow: { enabled: true, keyPackage: true },
      wakeupMinutes: 90,
      statusMinutes: 720,
    });
    expect(p.os).to.deep.include({
      encrypt: true,
      method: 'XtsAes256',
      protector: 'Tpm',
      graceDays: 14,
      allowWithoutTpm: false,
      pinAllowed: false,
    });
    expect(p.fixed).to.deep.include({
      encrypt: true,
      method: 'XtsAes256',
      autoUnlock: 'Require',
      graceDays: 0,
    });
    expect(p.removable).to.deep.include({ allowApply: true, method: 'Aes256' });
    expect(p.userExemption).to.deep.equal({ allowed: true, maxDays: 7 });
    expect(p.hash).to.match(/^[A-Za-z0-9_-]{43}$/);
  });

  it('drops each out-of-range or wrongly typed value with its exact cause, and uses the default', () => {
    const { values, problems } = checkPolicyValues(registryFixture('registry-out-of-range.json'));
    expect(problems).to.have.members([
      'HKLM\\Software\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement\\ClientWakeupFrequency is 0, expected 1–10080; using the default instead',
      'HKLM\\Software\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement\\StatusReportingFrequency is the text "720", expected a number (REG_DWORD); using the default instead',
      'HKLM\\Software\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement\\OSDriveProtector is 3, expected one of 1, 4; using the default instead',
      'HKLM\\Software\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement\\OsEnforcePolicyPeriod is 9999, expected 0–730; using the default instead',
      'HKLM\\Software\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement\\UseOsEnforcePolicy is 4294967295, expected one of 1, 0; using the default instead',
      'HKLM\\Software\\Policies\\Microsoft\\FVE\\EncryptionMethodWithXtsOs is 5, expected one of 3, 4, 6, 7; using the default instead',
    ]);
    const p = effectivePolicy(values);
    expect(p).to.deep.include({ managed: true, wakeupMinutes: 90, statusMinutes: 720, noStartupDelay: true });
    expect(p.os).to.deep.include({ protector: 'Tpm', graceDays: 0, method: null });
  });

  it('does nothing until MBAM services are configured', () => {
    const p = effectivePolicy({});
    expect(p.managed).to.equal(false);
    expect(p.escrow.enabled).to.equal(false);
    expect(p.os.encrypt).to.equal(null);
  });

  it('reads value names case-insensitively, as Windows does', () => {
    const { values } = checkPolicyValues({ [policyKeys()[0]!]: { usembamservices: 1 } });
    expect(values.UseMBAMServices).to.equal(1);
  });

  it('changes its hash when a value changes', () => {
    expect(effectivePolicy({ UseMBAMServices: 1 }).hash).not.to.equal(
      effectivePolicy({ UseMBAMServices: 0 }).hash,
    );
  });
});
