import { expect } from 'chai';
import { readRegistryPol, writeRegistryPol } from './registry-pol';
import { RegType, type PolRecord } from './types';
import { RegistryPolError } from '../errors';
import { toLgpoText } from './lgpo-text';

const KEY = 'Software\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement';

const every: PolRecord[] = [
  { key: KEY, valueName: 'ClientWakeupFrequency', data: { type: RegType.DWORD, value: 90 } },
  { key: KEY, valueName: 'Big', data: { type: RegType.DWORD, value: 0xffffffff } },
  { key: KEY, valueName: 'BE', data: { type: RegType.DWORD_BIG_ENDIAN, value: 0x01020304 } },
  { key: KEY, valueName: 'Quota', data: { type: RegType.QWORD, value: 18446744073709551615n } },
  { key: KEY, valueName: 'Url', data: { type: RegType.SZ, value: 'https://mbam.contoso.com/ü€' } },
  { key: KEY, valueName: 'Empty', data: { type: RegType.SZ, value: '' } },
  {
    key: KEY,
    valueName: 'KeyRecoveryServiceEndPoint',
    data: { type: RegType.EXPAND_SZ, value: '%ProgramData%\\x' },
  },
  { key: KEY, valueName: 'Hosts', data: { type: RegType.MULTI_SZ, value: ['a', 'bc', 'déf'] } },
  { key: KEY, valueName: 'NoHosts', data: { type: RegType.MULTI_SZ, value: [] } },
  { key: KEY, valueName: 'Blob', data: { type: RegType.BINARY, value: new Uint8Array([0, 1, 0xfe, 0xff]) } },
  { key: KEY, valueName: '**del.StatusReportingFrequency', data: { type: RegType.SZ, value: ' ' } },
  { key: `${KEY}\\List`, valueName: '**delvals.', data: { type: RegType.SZ, value: ' ' } },
];

describe('Registry.pol', () => {
  it('round-trips every value type, **del. and **delvals. records', () => {
    const bytes = writeRegistryPol(every);
    expect(readRegistryPol(bytes)).to.deep.equal(every);
  });

  it('writes the PReg header and the record layout of MS-GPREG byte for byte', () => {
    const bytes = writeRegistryPol([{ key: 'A', valueName: 'B', data: { type: RegType.DWORD, value: 90 } }]);
    const expected = Buffer.from(
      '50526567 01000000 5b00 410000003b00 420000003b00 04000000 3b00 04000000 3b00 5a000000 5d00'.replace(
        / /g,
        '',
      ),
      'hex',
    );
    expect(bytes.toString('hex')).to.equal(expected.toString('hex'));
  });

  it('writes strings with their NUL, MULTI_SZ with a double NUL and deletions as " "', () => {
    const one = (r: PolRecord): Buffer => writeRegistryPol([r]).subarray(8);
    const sz = one({ key: 'K', valueName: 'V', data: { type: RegType.SZ, value: 'ab' } });
    expect(sz.includes(Buffer.from('06000000', 'hex'))).to.equal(true); // size 6 = "ab\0"
    const multi = one({ key: 'K', valueName: 'V', data: { type: RegType.MULTI_SZ, value: ['a', 'b'] } });
    expect(multi.includes(Buffer.from('61000000620000000000', 'hex'))).to.equal(true);
    const del = one({ key: 'K', valueName: '**del.V', data: { type: RegType.SZ, value: ' ' } });
    expect(del.subarray(-6).toString('hex')).to.equal('200000005d00');
  });

  it('writes an empty file as just the header and reads it back as no records', () => {
    const bytes = writeRegistryPol([]);
    expect(bytes.toString('hex')).to.equal('5052656701000000');
    expect(readRegistryPol(bytes)).to.deep.equal([]);
  });

  it('rejects a file without the PReg signature, a wrong version and damaged records', () => {
    expect(() => readRegistryPol(Buffer.from('hello world'), 'x.pol')).to.throw(
      RegistryPolError,
      /signature[\s\S]*file: +x\.pol/,
    );
    const v2 = writeRegistryPol([]);
    v2.writeUInt32LE(2, 4);
    expect(() => readRegistryPol(v2)).to.throw(RegistryPolError, /version 2/);
    const good = writeRegistryPol(every.slice(0, 1));
    expect(() => readRegistryPol(good.subarray(0, good.length - 3))).to.throw(RegistryPolError, /byte/);
    const badType = writeRegistryPol([{ key: 'K', valueName: 'V', data: { type: RegType.DWORD, value: 1 } }]);
    badType.writeUInt32LE(99, 8 + 2 + 4 + 2 + 4 + 2);
    expect(() => readRegistryPol(badType)).to.throw(RegistryPolError, /unknown registry type 99/);
  });

  it('rejects string data of an odd size, naming the file, instead of dropping its last byte', () => {
    const odd = writeRegistryPol([
      { key: 'K', valueName: 'V', data: { type: RegType.BINARY, value: new Uint8Array(3) } },
    ]);
    odd.writeUInt32LE(RegType.SZ, 8 + 2 + 4 + 2 + 4 + 2);
    expect(() => readRegistryPol(odd, 'x.pol')).to.throw(
      RegistryPolError,
      /REG_SZ data is UTF-16LE, so its size must be even; found 3 bytes[\s\S]*file: +x\.pol/,
    );
  });

  it('renders LGPO.exe text for reviewers', () => {
    const text = toLgpoText(every.slice(0, 1).concat(every.slice(-2)), 'Computer');
    expect(text).to.include(`Computer\n${KEY}\nClientWakeupFrequency\nDWORD:90\n`);
    expect(text).to.include(`Computer\n${KEY}\nStatusReportingFrequency\nDELETE\n`);
    expect(text).to.include(`Computer\n${KEY}\\List\n*\nDELETEALLVALUES\n`);
  });
});
