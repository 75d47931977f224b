import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { PlatformError } from '../../errors';
import { parseMachine } from './parse-machine';
import { decodeManufacturer, parseTpm } from './parse-tpm';
import { parseUsers } from './parse-users';
import { parseRegistry } from './parse-registry';
import { hresultText, parseMethodResult, parseOwnerAuth } from './parse-method-result';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('Windows parsers: TPM, machine, users, registry, method results', () => {
  it('reads Win32_Tpm: state, spec family and vendor', () => {
    expect(parseTpm(fixture('tpm-infineon-2.0.json'))).to.deep.equal({
      present: true,
      enabled: true,
      activated: true,
      owned: true,
      version: '2.0',
      manufacturer: 'IFX',
    });
    expect(parseTpm(fixture('tpm-1.2-not-activated.json'))).to.deep.equal({
      present: true,
      enabled: true,
      activated: false,
      owned: false,
      version: '1.2',
      manufacturer: 'STM',
    });
    expect(parseTpm(fixture('tpm-absent.json'))).to.deep.equal({
      present: false,
      enabled: false,
      activated: false,
      owned: false,
    });
  });

  it('decodes ManufacturerId and refuses non-text ids', () => {
    expect(decodeManufacturer(0x4d534654)).to.equal('MSFT');
    expect(decodeManufacturer(0x01020304)).to.equal(undefined);
  });

  it('reads the machine identity of a domain member and of a workgroup machine', () => {
    expect(parseMachine(fixture('machine-domain.json'))).to.deep.equal({
      computerName: 'PC-0042',
      domain: 'contoso.com',
      fqdn: 'pc-0042.contoso.com',
      osVersion: '10.0.22631',
      manufacturer: 'LENOVO',
      model: '20XW0055GE',
    });
    expect(parseMachine(fixture('machine-workgroup.json'))).to.include({
      computerName: 'LOTHLORIEN',
      domain: '',
      fqdn: 'lothlorien',
    });
  });

  it('names the field when the machine answer is malformed', () => {
    expect(() =>
      parseMachine({ ...(fixture('machine-domain.json') as object), PartOfDomain: 'yes' }),
    ).to.throw(PlatformError, /\/PartOfDomain/);
  });

  it('reads logged-on users once each, marks RDP sessions and exempt users', () => {
    expect(parseUsers(fixture('users-console-rdp.json'))).to.deep.equal([
      { name: 'CONTOSO\\alice', session: 'console', exempt: false },
      { name: 'CONTOSO\\bob', session: 'remote', exempt: true },
      { name: 'PC-0042\\localadmin', session: 'console', exempt: false },
    ]);
    expect(parseUsers(fixture('users-single-object.json'))).to.deep.equal([
      { name: 'CONTOSO\\carol', session: 'console', exempt: true },
    ]);
    expect(parseUsers(null)).to.deep.equal([]);
  });

  it('reads registry values by key, skipping the default value and naming binary data', () => {
    const mdop = 'SOFTWARE\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement';
    const fve = 'SOFTWARE\\Policies\\Microsoft\\FVE';
    const state = 'SOFTWARE\\Microsoft\\MBAM';
    const { keys, problems } = parseRegistry(fixture('registry-mbam-gpo.json'), [mdop, fve, state]);
    expect(keys[mdop]).to.include({
      UseMBAMServices: 1,
      ClientWakeupFrequency: 90,
      OSDriveProtector: 1,
      OsEnforcePolicyPeriod: 14,
    });
    expect(keys[mdop]?.['KeyRecoveryServiceEndPoint']).to.match(/^https:\/\/mbam\.contoso\.com\//);
    expect(keys[fve]).to.include({
      EncryptionMethodWithXtsOs: 7,
      UseTPMPIN: 0,
      FDVDiscoveryVolumeType: '<none>',
    });
    expect(keys[fve]?.['OSBcdAdditionalExcludedSettings']).to.deep.equal(['bootdebug', 'testsigning']);
    expect(keys[fve]).not.to.have.property('');
    expect(keys[state]).to.equal(null);
    expect(problems).to.deep.equal([
      `${fve}\\IdentificationBlob is binary data (REG_BINARY); no policy value the agent reads has that type`,
    ]);
  });

  it('keeps a value named __proto__ as a value, and names no secret held by a key name', () => {
    const values = JSON.parse('{"K": {"__proto__": 5, "V": 1}}') as unknown;
    const { keys } = parseRegistry(values, ['K']);
    expect(Object.getPrototypeOf(keys['K'])).to.equal(Object.prototype);
    expect(Object.entries(keys['K']!)).to.deep.equal([
      ['__proto__', 5],
      ['V', 1],
    ]);
    const password = '271733258533688985480293713394034012061963682044';
    expect(() => parseRegistry({ [password]: 1 }, ['K']))
      .to.throw(PlatformError, /\/<redacted digits> Expected union value/)
      .that.satisfies((e: Error) => !e.message.includes('271733258533'));
  });

  it('turns DWORDs that .NET gave as negative Int32 back into unsigned values', () => {
    const { keys } = parseRegistry({ K: { V: -1, W: -2147483648 } }, ['K']);
    expect(keys['K']).to.deep.equal({ V: 0xffffffff, W: 0x80000000 });
  });

  it('reads method results and names failing HRESULTs', () => {
    expect(
      parseMethodResult(fixture('method-protect-numerical-password.json'), 'x').VolumeKeyProtectorID,
    ).to.equal('{D3675C82-C9C4-46C2-8417-667B37485C04}');
    expect(() =>
      parseMethodResult(fixture('method-delete-protector-not-found.json'), 'DeleteKeyProtector on {V}'),
    )
      .to.throw(PlatformError, 'DeleteKeyProtector on {V} failed: 0x80310033 FVE_E_PROTECTOR_NOT_FOUND')
      .with.property('hresult', 0x80310033);
    expect(hresultText(0x80041016)).to.contain('mofcomp');
  });

  it('refuses a ReturnValue beyond 32 bits as unexpected output (it read as "failed: 0x00000000")', () => {
    expect(() => parseMethodResult({ ReturnValue: 2 ** 32 }, 'x'))
      .to.throw(PlatformError, /\/ReturnValue Expected integer to be less or equal to 4294967295/)
      .with.property('code', 'platform_unexpected_output');
  });

  it('reads the TPM owner authorization answer, and refuses a string answer at once', () => {
    expect(parseOwnerAuth({ ReturnValue: 0, OwnerAuth: 'k4VbIXhEdeIcSxx9+ECnrhF5bVw=' })).to.equal(
      'k4VbIXhEdeIcSxx9+ECnrhF5bVw=',
    );
    expect(parseOwnerAuth({ OwnerAuth: null })).to.equal(null);
    expect(parseOwnerAuth(null)).to.equal(null);
    // the default ReturnValue used to be spread into it: 4 million one-character keys, seconds of work
    const started = performance.now();
    expect(() => parseOwnerAuth('x'.repeat(4_000_000))).to.throw(PlatformError, /Expected object/);
    expect(() => parseOwnerAuth(['k4VbIXhEdeIcSxx9+ECnrhF5bVw='])).to.throw(PlatformError, /Expected object/);
    expect(performance.now() - started).to.be.below(500);
  });

  it('never echoes a secret output in an error', () => {
    const bad = {
      ReturnValue: 'zero',
      NumericalPassword: '254793-568007-425557-712855-251119-474815-445082-696212',
    };
    expect(() => parseMethodResult(bad, 'GetKeyProtectorNumericalPassword', { secret: true }))
      .to.throw(PlatformError)
      .that.satisfies((e: Error) => !e.message.includes('254793') && !e.message.includes('zero'));
  });
});
