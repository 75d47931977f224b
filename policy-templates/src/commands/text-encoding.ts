// Decodes a file the user gave us (ADMX, ADML, settings JSON) without losing a byte: UTF-8 with or without
// a BOM, or UTF-16 with a BOM (what Windows tools often write: PowerShell 5 `Out-File`, Notepad "Unicode").
// Anything else is refused with the offset and line of the first bad byte, never turned into U+FFFD.
import { PolicyUserError } from '../errors';

const EXPECTED = 'UTF-8 (with or without a BOM), or UTF-16 with a BOM';
const EXAMPLE = 'Get-Content .\\file -Encoding <its encoding> | Set-Content .\\fixed -Encoding utf8';

function refuse(file: string, what: string): never {
  throw new PolicyUserError(`the file is not ${EXPECTED}: ${what}`, {
    file,
    rule: 'encoding',
    expected: EXPECTED,
    example: EXAMPLE,
  });
}

/** `byte 299 (line 3)` */
const where = (bytes: Uint8Array, offset: number): string =>
  `byte ${offset} (line ${bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1})`;

const startsWith = (b: Uint8Array, ...prefix: number[]): boolean => prefix.every((x, i) => b[i] === x);

function utf16(bytes: Uint8Array, file: string, bigEndian: boolean): string {
  const body = Buffer.from(bytes.subarray(2));
  if (body.length % 2 !== 0) refuse(file, 'UTF-16 with an odd number of bytes (the file is cut short)');
  // Lone surrogates survive this decoding; the XML reader refuses them with their line.
  return (bigEndian ? body.swap16() : body).toString('utf16le');
}

/** The text of `bytes`, or a PolicyUserError (rule `encoding`) naming the file and the first bad byte. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (startsWith(bytes, 0xff, 0xfe, 0, 0) || startsWith(bytes, 0, 0, 0xfe, 0xff))
    refuse(file, 'it starts with a UTF-32 byte-order mark, and UTF-32 is not supported');
  if (startsWith(bytes, 0xff, 0xfe)) return utf16(bytes, file, false);
  if (startsWith(bytes, 0xfe, 0xff)) return utf16(bytes, file, true);
  const body = startsWith(bytes, 0xef, 0xbb, 0xbf) ? bytes.subarray(3) : bytes;
  const nul = body.subarray(0, 64).indexOf(0);
  if (nul >= 0) refuse(file, `${where(bytes, nul)} is NUL: it looks like UTF-16 without a byte-order mark`);
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  // Valid UTF-8 re-encodes to the same bytes; the first difference is the first invalid sequence.
  const again = Buffer.from(text, 'utf8');
  if (again.length !== body.length || !again.equals(body)) {
    let i = 0;
    while (i < body.length && body[i] === again[i]) i++;
    const declared = /^\s*<\?xml[^>]*encoding=["']([^"']+)["']/.exec(text)?.[1];
    const hint = declared && !/^utf-?8$/i.test(declared) ? ` (the XML declaration says ${declared})` : '';
    const hex = (body[i] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    refuse(
      file,
      `${where(bytes, i + bytes.length - body.length)} is 0x${hex}, which is not valid UTF-8${hint}`,
    );
  }
  return text;
}
