import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { writeGpoBackup } from './gpo-backup';
import { mbamPolicySet } from '../index';
import { readRegistryPol } from '../registry/registry-pol';
import { RegType, type PolRecord } from '../registry/types';
import { SettingsError } from '../errors';
import { LoadedPolicySet } from '../definitions/validate';
import { fabrikamSet } from '../testing/fixture-set';
import { expectGolden } from '../testing/golden';
import { parseXml } from '../xml/parse';

const MDOP = 'Software\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement';
const FVE = 'Software\\Policies\\Microsoft\\FVE';
const GOLDEN = fileURLToPath(new URL('./golden/baseline/', import.meta.url));

export const baseline = {
  gpo: { displayName: 'MBAM baseline', domain: 'contoso.com' },
  policies: {
    BMSClientConfigureCheckIntervalPolicy: {
      state: 'enabled',
      values: {
        KeyRecoveryServiceEndPoint: 'https://mbam.contoso.com/MBAMRecoveryAndHardwareService/CoreService.svc',
        StatusReportingServiceEndpoint:
          'https://mbam.contoso.com/MBAMComplianceStatusService/StatusReportingService.svc',
        ClientWakeupFrequency: 90,
        StatusReportingFrequency: 720,
      },
    },
    BMSOSDEncryptionPolicy: { state: 'enabled', values: { OSDriveProtector: 'TpmPin', MinimumPIN: 8 } },
    BLEncryptionMethodWithXts_Name: { state: 'enabled', values: { EncryptionMethodWithXtsOs: 'XtsAes256' } },
    CEIPPolicy: 'disabled',
    UseEnhancedBcdProfile_Name: {
      state: 'enabled',
      values: { OSBcdAdditionalExcludedSettings: ['winload', 'bootmgr'] },
    },
    FDVDenyWriteAccessPolicy: 'disabled',
    UserExemptionPolicy: 'enabled',
  },
} as const;

const find = (records: readonly PolRecord[], key: string, name: string) =>
  records.find((r) => r.key === key && r.valueName === name);

describe('baseline GPO backup', () => {
  const backup = writeGpoBackup(baseline, mbamPolicySet, 'baseline.json');

  it('writes MBAM values and the Windows FVE values each setting implies', () => {
    const m = backup.machine;
    expect(find(m, MDOP, 'UseMBAMServices')?.data).to.deep.equal({ type: RegType.DWORD, value: 1 });
    expect(find(m, MDOP, 'UseKeyRecoveryService')?.data).to.deep.equal({ type: RegType.DWORD, value: 1 });
    expect(find(m, MDOP, 'KeyRecoveryServiceEndPoint')?.data.type).to.equal(RegType.EXPAND_SZ);
    expect(find(m, MDOP, 'KeyRecoveryOptions')?.data).to.deep.equal({ type: RegType.DWORD, value: 1 });
    expect(find(m, MDOP, 'OSDriveProtector')?.data).to.deep.equal({ type: RegType.DWORD, value: 4 });
    expect(find(m, FVE, 'UseAdvancedStartup')?.data).to.deep.equal({ type: RegType.DWORD, value: 1 });
    expect(find(m, FVE, 'UseTPMPIN')?.data).to.deep.equal({ type: RegType.DWORD, value: 1 });
    expect(find(m, FVE, 'UseTPM')?.data).to.deep.equal({ type: RegType.DWORD, value: 0 });
    expect(find(m, FVE, 'MinimumPIN')?.data).to.deep.equal({ type: RegType.DWORD, value: 8 });
    expect(find(m, FVE, 'EncryptionMethodWithXtsOs')?.data).to.deep.equal({ type: RegType.DWORD, value: 7 });
    expect(find(m, FVE, 'EncryptionMethodWithXtsRdv')?.data).to.deep.equal({ type: RegType.DWORD, value: 3 }); // default
    expect(find(m, FVE, 'OSBcdAdditionalExcludedSettings')?.data).to.deep.equal({
      type: RegType.MULTI_SZ,
      value: ['winload', 'bootmgr'],
    });
  });

  it('writes disabled values, and **del. records for the elements of a disabled policy', () => {
    expect(find(backup.machine, MDOP, 'CEIPEnabled')?.data).to.deep.equal({ type: RegType.DWORD, value: 0 });
    const sys = 'System\\CurrentControlSet\\Policies\\Microsoft\\FVE';
    expect(find(backup.machine, sys, 'FDVDenyWriteAccess')?.data).to.deep.equal({
      type: RegType.DWORD,
      value: 0,
    });
    const disabled = writeGpoBackup(
      { policies: { BMSClientConfigureCheckIntervalPolicy: 'disabled' } },
      mbamPolicySet,
    ).machine;
    expect(find(disabled, MDOP, '**del.ClientWakeupFrequency')?.data).to.deep.equal({
      type: RegType.SZ,
      value: ' ',
    });
    expect(find(disabled, MDOP, 'UseKeyRecoveryService')?.data).to.deep.equal({
      type: RegType.DWORD,
      value: 0,
    });
  });

  it('puts User policies in User/registry.pol and Machine policies in Machine/registry.pol', () => {
    expect(backup.user).to.deep.equal([
      { key: MDOP, valueName: 'UserExemption', data: { type: RegType.DWORD, value: 1 } },
    ]);
    const dir = backup.identity.backupId;
    const pol = (side: string) =>
      backup.files.find((f) => f.path === `${dir}/DomainSysvol/GPO/${side}/registry.pol`)?.bytes ??
      Buffer.alloc(0);
    expect(readRegistryPol(pol('Machine'))).to.deep.equal(backup.machine);
    expect(readRegistryPol(pol('User'))).to.deep.equal(backup.user);
  });

  it('writes GPT.INI with the version halves and the registry extension GUIDs', () => {
    const ini = backup.files.find((f) => f.path.endsWith('GPT.INI'))?.bytes.toString() ?? '';
    expect(ini).to.include('Version=65537\r\n');
    expect(ini).to.include(
      'gPCMachineExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}]',
    );
    expect(ini).to.include(
      'gPCUserExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F73-3407-48AE-BA88-E8213C6761F1}]',
    );
    const machineOnly = writeGpoBackup({ policies: { CEIPPolicy: 'enabled' } }, mbamPolicySet);
    const ini2 = machineOnly.files.find((f) => f.path.endsWith('GPT.INI'))?.bytes.toString() ?? '';
    expect(ini2).to.include('Version=1\r\n');
    expect(ini2).not.to.include('gPCUserExtensionNames');
  });

  it('writes well-formed Backup.xml, bkupInfo.xml and manifest.xml naming the backup folder', () => {
    for (const name of ['manifest.xml', 'Backup.xml', 'bkupInfo.xml']) {
      const f = backup.files.find((x) => x.path.endsWith(name));
      expect(() => parseXml(f?.bytes.toString() ?? ''), name).not.to.throw();
    }
    expect(backup.identity.backupId).to.match(
      /^\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/,
    );
    const manifest = backup.files.find((f) => f.path === 'manifest.xml')?.bytes.toString() ?? '';
    expect(manifest).to.include(backup.identity.backupId);
  });

  it('is deterministic and matches its golden files', () => {
    const again = writeGpoBackup(baseline, mbamPolicySet);
    expect(again.files).to.deep.equal(backup.files);
    expectGolden(GOLDEN, backup.files);
  });

  describe('rejects bad settings with the file, the policy and the rule', () => {
    const reject = (policies: object, pattern: RegExp): void => {
      expect(() => writeGpoBackup({ policies }, mbamPolicySet, 'settings.json'))
        .to.throw(SettingsError)
        .with.property('message')
        .that.matches(pattern)
        .and.matches(/file: +settings\.json/);
    };
    it('an unknown policy', () =>
      reject(
        { BMSClientConfigure: 'enabled' },
        /unknown policy 'BMSClientConfigure'[\s\S]*rule: +unknown-policy[\s\S]*BMSClientConfigureCheckIntervalPolicy/,
      ));
    it('a value out of range', () =>
      reject(
        {
          BMSClientConfigureCheckIntervalPolicy: {
            state: 'enabled',
            values: { KeyRecoveryServiceEndPoint: 'x', ClientWakeupFrequency: 30 },
          },
        },
        /30 is outside 90–10080[\s\S]*policy: +BMSClientConfigureCheckIntervalPolicy[\s\S]*rule: +value-range/,
      ));
    it('a wrong type', () =>
      reject(
        { BMSOSDEncryptionPolicy: { state: 'enabled', values: { MinimumPIN: '8' } } },
        /"8" is not a whole number[\s\S]*rule: +value-type/,
      ));
    it('an unknown enum choice', () =>
      reject(
        { BMSOSDEncryptionPolicy: { state: 'enabled', values: { OSDriveProtector: 'Usb' } } },
        /"Usb" is not one of its choices[\s\S]*Tpm \(1\), TpmPin \(4\)/,
      ));
    it('a missing required value', () =>
      reject(
        { MoreInfoUrlPolicy: 'enabled' },
        /element 'MoreInfoUrl': a value is required[\s\S]*rule: +required-value/,
      ));
    it('an unknown element', () =>
      reject(
        { CEIPPolicy: { state: 'enabled', values: { Foo: 1 } } },
        /unknown element 'Foo'[\s\S]*rule: +unknown-element/,
      ));
    it('a bad state', () => reject({ CEIPPolicy: 'on' }, /state "on" is not "enabled" or "disabled"/));
    // Found by settings.fuzz.test.ts.
    it('a missing state', () => reject({ CEIPPolicy: {} }, /the policy has no "state" \(found \{\}\)/));
    it('a NUL or an empty entry in a multiText list (Windows ends a REG_MULTI_SZ there)', () => {
      const bcd = (list: string[]) => ({
        UseEnhancedBcdProfile_Name: { state: 'enabled', values: { OSBcdAdditionalExcludedSettings: list } },
      });
      reject(bcd(['a\u0000b']), /entry 1 holds U\+0000 at index 1/);
      reject(bcd(['a', '', 'b']), /entry 2 is empty[\s\S]*rule: +value-range/);
    });
  });

  describe('rejects a "gpo" block that would break Backup.xml or GPT.INI', () => {
    const reject = (gpo: unknown, pattern: RegExp): void => {
      expect(() => writeGpoBackup({ gpo, policies: {} }, mbamPolicySet, 'settings.json'))
        .to.throw(SettingsError)
        .with.property('message')
        .that.matches(pattern)
        .and.matches(/file: +settings\.json/);
    };
    it('a display name with a line break or ]]>', () => {
      reject(
        { displayName: 'x\r\nVersion=9' },
        /"gpo.displayName" is "x\\r\\nVersion=9"[\s\S]*rule: +gpo-field/,
      );
      reject({ displayName: 'a]]>b' }, /"gpo.displayName"/);
    });
    it('a domain that is not a DNS name, a time that is not one, an unknown field', () => {
      reject({ domain: ']]>' }, /"gpo.domain" is "]]>"[\s\S]*expected: a DNS domain name/);
      reject({ backupTime: '2024-13-45T99:99:99' }, /"gpo.backupTime"[\s\S]*YYYY-MM-DDThh:mm:ss/);
      reject({ displayname: 'x' }, /unknown field "gpo.displayname"/);
    });
  });

  describe('refuses list values that would become Registry.pol commands (Fabrikam lists)', () => {
    const fabrikam = LoadedPolicySet.from(fabrikamSet);
    const values = (v: Record<string, unknown>) => ({
      policies: { AllKinds: { state: 'enabled', values: { Level: 'Level_Low', ...v } } },
    });
    it('an explicit value name **delvals. or one longer than 259 characters', () => {
      expect(() => writeGpoBackup(values({ Pairs: { '**delvals.': 'x' } }), fabrikam, 's.json')).to.throw(
        SettingsError,
        /the value name "\*\*delvals\." cannot be a registry value name[\s\S]*rule: +value-name/,
      );
      expect(() =>
        writeGpoBackup(values({ Pairs: { ['a'.repeat(260)]: 'x' } }), fabrikam, 's.json'),
      ).to.throw(SettingsError, /cannot be a registry value name/);
    });
  });
});
