// Registry.pol (PReg) writer and reader, MS-GPREG §2.2.1 (admx-format.md §11):
// "PReg" + version 1, then records [key;value;type;size;data] where [ ; ] are UTF-16LE characters, key
// and value name are NUL-terminated UTF-16LE, type and size are 32-bit little-endian, data is raw bytes.
import { RegistryPolError } from '../errors';
import { REG_TYPE_NAMES, RegType, type PolRecord, type RegData } from './types';

const SIGNATURE = 0x67655250; // "PReg"
const VERSION = 1;
const utf16z = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf16le');
const char = (c: string): Buffer => Buffer.from(c, 'utf16le');

export function encodeData(data: RegData): Buffer {
  switch (data.type) {
    case RegType.SZ:
    case RegType.EXPAND_SZ:
      return utf16z(data.value);
    case RegType.MULTI_SZ:
      return data.value.length === 0
        ? utf16z('')
        : Buffer.from(`${data.value.map((s) => `${s}\0`).join('')}\0`, 'utf16le');
    case RegType.DWORD:
    case RegType.DWORD_BIG_ENDIAN: {
      const b = Buffer.alloc(4);
      if (data.type === RegType.DWORD) b.writeUInt32LE(data.value);
      else b.writeUInt32BE(data.value);
      return b;
    }
    case RegType.QWORD: {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(data.value);
      return b;
    }
    case RegType.BINARY:
    case RegType.NONE:
      return Buffer.from(data.value);
  }
}

export function writeRegistryPol(records: readonly PolRecord[]): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(SIGNATURE, 0);
  header.writeUInt32LE(VERSION, 4);
  const parts: Buffer[] = [header];
  for (const r of records) {
    const data = encodeData(r.data);
    const nums = Buffer.alloc(4);
    const size = Buffer.alloc(4);
    nums.writeUInt32LE(r.data.type);
    size.writeUInt32LE(data.length);
    parts.push(
      char('['),
      utf16z(r.key),
      char(';'),
      utf16z(r.valueName),
      char(';'),
      nums,
      char(';'),
      size,
      char(';'),
      data,
      char(']'),
    );
  }
  return Buffer.concat(parts);
}

function decodeData(type: number, bytes: Buffer, where: string, file: string | undefined): RegData {
  // Strings are UTF-16LE: an odd size would silently drop the last byte when decoded.
  if ((type === RegType.SZ || type === RegType.EXPAND_SZ || type === RegType.MULTI_SZ) && bytes.length % 2)
    throw polError(
      `${where}: ${REG_TYPE_NAMES[type]} data is UTF-16LE, so its size must be even; found ${bytes.length} bytes`,
      file,
    );
  const text = (): string => {
    const s = bytes.toString('utf16le');
    return s.endsWith('\0') ? s.slice(0, -1) : s;
  };
  switch (type) {
    case RegType.SZ:
    case RegType.EXPAND_SZ:
      return { type, value: text() };
    case RegType.MULTI_SZ: {
      const s = bytes.toString('utf16le').replace(/\0\0$/, '\0');
      const parts = s === '\0' || s === '' ? [] : s.replace(/\0$/, '').split('\0');
      return { type, value: parts };
    }
    case RegType.DWORD:
    case RegType.DWORD_BIG_ENDIAN:
      if (bytes.length !== 4)
        throw polError(`${where}: a DWORD needs 4 bytes of data, found ${bytes.length}`, file);
      return { type, value: type === RegType.DWORD ? bytes.readUInt32LE(0) : bytes.readUInt32BE(0) };
    case RegType.QWORD:
      if (bytes.length !== 8)
        throw polError(`${where}: a QWORD needs 8 bytes of data, found ${bytes.length}`, file);
      return { type, value: bytes.readBigUInt64LE(0) };
    case RegType.BINARY:
    case RegType.NONE:
      return { type, value: new Uint8Array(bytes) };
    default:
      throw polError(`${where}: unknown registry type ${type}`, file);
  }
}

function polError(what: string, file?: string): RegistryPolError {
  return new RegistryPolError(what, {
    file,
    rule: 'preg-format',
    expected: '"PReg", version 1, then [key;value;type;size;data] records (MS-GPREG §2.2.1)',
  });
}

/** Parses a Registry.pol file; throws RegistryPolError naming the byte offset of any damage. */
export function readRegistryPol(buf: Uint8Array, file?: string): PolRecord[] {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 8 || b.readUInt32LE(0) !== SIGNATURE)
    throw polError('not a Registry.pol file: the "PReg" signature is missing', file);
  if (b.readUInt32LE(4) !== VERSION)
    throw polError(`unsupported Registry.pol version ${b.readUInt32LE(4)}`, file);
  const records: PolRecord[] = [];
  let pos = 8;
  const expect = (c: string): void => {
    if (pos + 2 > b.length || b.readUInt16LE(pos) !== c.charCodeAt(0))
      throw polError(`expected '${c}' at byte ${pos}`, file);
    pos += 2;
  };
  const stringZ = (): string => {
    const start = pos;
    while (pos + 2 <= b.length && b.readUInt16LE(pos) !== 0) pos += 2;
    if (pos + 2 > b.length) throw polError(`unterminated string starting at byte ${start}`, file);
    const s = b.toString('utf16le', start, pos);
    pos += 2;
    return s;
  };
  const u32 = (): number => {
    if (pos + 4 > b.length) throw polError(`truncated number at byte ${pos}`, file);
    const v = b.readUInt32LE(pos);
    pos += 4;
    return v;
  };
  while (pos < b.length) {
    const at = pos;
    expect('[');
    const key = stringZ();
    expect(';');
    const valueName = stringZ();
    expect(';');
    const type = u32();
    expect(';');
    const size = u32();
    expect(';');
    if (pos + size > b.length)
      throw polError(`record at byte ${at}: data of ${size} bytes runs past the end of the file`, file);
    const data = decodeData(
      type,
      b.subarray(pos, pos + size),
      `record at byte ${at} (${key}\\${valueName})`,
      file,
    );
    pos += size;
    expect(']');
    records.push({ key, valueName, data });
  }
  return records;
}
