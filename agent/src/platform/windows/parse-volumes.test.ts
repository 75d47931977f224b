import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { PlatformError } from '../../errors';
import { parseKeyProtector, parseVolume, parseVolumes } from './parse-volumes';
import { checkOutput } from './check-output';
import { KeyProtectorRecord } from './wmi-schemas';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').replace(/^\uFEFF/, ''));

describe('parseVolumes (Win32_EncryptableVolume records)', () => {
  const expected = [
    {
      volumeId: '{90DC9AB6-791D-46F6-ADE8-E6D3201BAF52}',
      mountPoint: 'C:',
      driveType: 'OperatingSystem',
      locked: false,
      conversionStatus: 'FullyEncrypted',
      encryptionPercentage: 100,
      encryptionMethod: 'XtsAes128',
      protectionStatus: 'On',
      autoUnlockEnabled: null,
      keyProtectors: [
        { id: '{8A696888-99A7-4FAC-92C7-6CC497EA7BDF}', type: 'NumericalPassword' },
        { id: '{3B3E091C-ECB9-4B46-9FDD-A9E699EC3C8C}', type: 'Tpm' },
      ],
    },
    {
      volumeId: '{0005A690-0000-0000-0000-100000000000}',
      mountPoint: 'E:',
      driveType: 'FixedData',
      locked: false,
      conversionStatus: 'FullyDecrypted',
      encryptionPercentage: 0,
      encryptionMethod: 'None',
      protectionStatus: 'Off',
      autoUnlockEnabled: false,
      keyProtectors: [],
    },
  ];

  it('reads every field of the compressed output, and FVE_E_NOT_ACTIVATED as "no protectors"', () => {
    expect(parseVolumes(fixture('volumes-compressed.json'))).to.deep.equal({
      volumes: expected,
      problems: [],
    });
  });

  it('reads the same from the Windows PowerShell 5.1 layout with a BOM', () => {
    expect(parseVolumes(fixture('volumes-ps51-pretty.json'))).to.deep.equal({
      volumes: expected,
      problems: [],
    });
  });

  it('accepts a single volume printed as an object, a single protector as an object, and no VolumeType (Windows 7)', () => {
    const { volumes } = parseVolumes(fixture('volumes-single-object.json'));
    expect(volumes).to.have.length(1);
    expect(volumes[0]).to.include({
      driveType: 'OperatingSystem',
      conversionStatus: 'EncryptionPaused',
      encryptionPercentage: 37,
      encryptionMethod: 'Aes128',
    });
    expect(volumes[0]?.keyProtectors).to.deep.equal([
      { id: '{89701158-94B4-42D2-87EB-82B8A03E45CD}', type: 'NumericalPassword' },
    ]);
  });

  it('accepts PowerShell 7 enum names, reads a locked volume as unknown (never as decrypted), keeps the hardware-band id', () => {
    const { volumes, problems } = parseVolumes(fixture('volumes-ps7-enum-names.json'));
    expect(problems).to.deep.equal([]);
    const [locked, removable, hardware] = volumes;
    expect(locked).to.include({
      driveType: 'FixedData',
      locked: true,
      conversionStatus: null,
      encryptionPercentage: null,
      protectionStatus: 'Unknown',
    });
    expect(locked?.keyProtectors).to.deep.equal([
      { id: '{B2E4C8F1-3A5D-4E6F-8B9C-0D1E2F3A4B5C}', type: 'ExternalKey' },
    ]);
    expect(removable).to.include({
      driveType: 'RemovableData',
      conversionStatus: 'EncryptionInProgress',
      encryptionPercentage: 43,
    });
    expect(removable?.keyProtectors.map((p) => p.type)).to.deep.equal(['NumericalPassword', 'Passphrase']);
    expect(hardware).to.include({ encryptionMethod: 'HardwareEncryption', autoUnlockEnabled: true });
    expect(hardware?.keyProtectors).to.deep.equal([{ id: 'BitLocker', type: 'Unknown' }]);
  });

  it('leaves out each unreadable volume and names the exact cause', () => {
    const { volumes, problems } = parseVolumes(fixture('volumes-partly-unreadable.json'));
    expect(volumes.map((v) => v.mountPoint)).to.deep.equal(['C:']);
    expect(volumes[0]?.encryptionMethod).to.equal('XtsAes256');
    expect(problems).to.have.length(3);
    expect(problems[0]).to.match(/volume #2: ConversionStatus is 9; expected 0–5/);
    expect(problems[1]).to.match(/volume #3: .*\/DeviceID/);
    expect(problems[2]).to.match(/volume #4: GetKeyProtectors failed with 0x80070005/);
  });

  describe('odd values found by parse.fuzz.test.ts', () => {
    const PASSWORD = '463881-116138-212971-219626-306295-227139-146784-038038';
    const c = (fixture('volumes-compressed.json') as Record<string, unknown>[])[0]!;

    it('names a bad enum without repeating a recovery password or a 100,000-character value', () => {
      const { problems } = parseVolumes([{ ...c, ConversionStatus: `{${PASSWORD}}` }]);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/ConversionStatus is .*; expected 0–5/);
      expect(problems[0]).not.to.contain('463881-116138');
      expect(() => parseVolume({ ...c, LockStatus: 'x'.repeat(100_000) }))
        .to.throw(PlatformError, /LockStatus is "x+…; expected 0 or 1/)
        .with.property('message')
        .that.has.length.below(200);
    });

    it('refuses enum names that Object.prototype has (they used to map to its members)', () => {
      for (const [field, name] of [
        ['LockStatus', '__proto__'],
        ['VolumeType', 'constructor'],
        ['ProtectionStatus', 'toString'],
        ['EncryptionMethod', 'valueOf'],
      ] as const)
        expect(() => parseVolume({ ...c, [field]: name }), field).to.throw(
          PlatformError,
          `${field} is "${name}"`,
        );
      expect(() =>
        parseVolume({
          ...c,
          KeyProtectors: {
            KeyProtectorId: '{8A696888-99A7-4FAC-92C7-6CC497EA7BDF}',
            KeyProtectorType: 'hasOwnProperty',
          },
        }),
      ).to.throw(PlatformError, /KeyProtectorType/);
    });

    it('keeps a failed GetKeyProtectors as an unsigned HRESULT and refuses one beyond 32 bits', () => {
      // E_ACCESSDENIED as .NET's signed Int32
      expect(() => parseVolume({ ...c, GetKeyProtectorsReturnValue: -2147024891 }))
        .to.throw(PlatformError, /failed with 0x80070005/)
        .with.property('hresult', 0x80070005);
      expect(() => parseVolume({ ...c, GetKeyProtectorsReturnValue: 2 ** 53 })).to.throw(
        PlatformError,
        /\/GetKeyProtectorsReturnValue Expected integer to be less or equal to 4294967295/,
      );
    });

    it('answers a record nested too deeply for JSON.stringify with a PlatformError, not a RangeError', () => {
      let deep: unknown = [];
      for (let i = 0; i < 20_000; i++) deep = [deep];
      expect(() => parseVolume(deep)).to.throw(PlatformError, /nested too deeply to show/);
    });
  });

  it('treats no output (no encryptable volumes) as an empty list', () => {
    expect(parseVolumes(null)).to.deep.equal({ volumes: [], problems: [] });
  });

  it('rejects an answer that is not a list of records as a whole', () => {
    expect(() => parseVolumes('Access denied')).to.throw(PlatformError, /read BitLocker volumes/);
  });

  describe('on the real Get-BitLockerVolume recording (fleet)', () => {
    const real = fixture('real-get-bitlockervolume-fleet.json') as { KeyProtector: unknown[] }[];

    it('reads its protectors with the same parser, ignoring the RecoveryPassword field', () => {
      const protectors = real[0]!.KeyProtector.map((p) =>
        parseKeyProtector(checkOutput(KeyProtectorRecord, p, 'read a protector')),
      );
      expect(protectors).to.deep.equal(expected[0]!.keyProtectors);
      expect(JSON.stringify(protectors)).not.to.contain('254793');
    });

    it('refuses it as volume records, naming the missing DeviceID (Get-BitLockerVolume has no volume GUID)', () => {
      const { volumes, problems } = parseVolumes(real);
      expect(volumes).to.deep.equal([]);
      expect(problems.join('\n')).to.contain('DeviceID');
    });
  });
});
