// Generative ("fuzz") test of the Registry.pol reader: seeded byte-level damage to our golden GPO backup
// files and to a file with every value type. Each mutation must read, or be refused with a
// RegistryPolError naming the file and the byte offset, signature or version, within 2 s. A file that
// reads must lose nothing: every record's data re-encodes to the bytes it was read from (a missing string
// terminator is the only thing added) and writing the records back reads the same. See testing/fuzz.ts.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeData, readRegistryPol, writeRegistryPol } from './registry-pol';
import { RegType, type PolRecord } from './types';
import { RegistryPolError } from '../errors';
import { caseRng, expectUserError, Failures, SCALE, SEED, timed, type Rng } from '../testing/fuzz';

const GPO = fileURLToPath(
  new URL('../gpo/golden/baseline/{7892115D-3211-52BA-A38F-8EDFC64A72DF}/DomainSysvol/GPO/', import.meta.url),
);
const FILE = 'Machine/registry.pol';

const every: PolRecord[] = [
  { key: 'K', valueName: 'D', data: { type: RegType.DWORD, value: 90 } },
  { key: 'K', valueName: 'BE', data: { type: RegType.DWORD_BIG_ENDIAN, value: 0x01020304 } },
  { key: 'K', valueName: 'Q', data: { type: RegType.QWORD, value: 18446744073709551615n } },
  { key: 'K', valueName: 'S', data: { type: RegType.SZ, value: 'https://ü€' } },
  { key: 'K\\Sub', valueName: 'E', data: { type: RegType.EXPAND_SZ, value: '%ProgramData%' } },
  { key: 'K', valueName: 'M', data: { type: RegType.MULTI_SZ, value: ['a', 'bc'] } },
  { key: 'K', valueName: 'B', data: { type: RegType.BINARY, value: new Uint8Array([0, 1, 0xfe]) } },
  { key: 'K', valueName: 'N', data: { type: RegType.NONE, value: new Uint8Array([]) } },
  { key: 'K', valueName: '**del.X', data: { type: RegType.SZ, value: ' ' } },
  { key: 'K', valueName: '', data: { type: RegType.SZ, value: '' } },
];

interface Layout {
  readonly typeAt: number;
  readonly sizeAt: number;
  readonly dataAt: number;
  readonly size: number;
}

/** Record offsets of a well-formed file (an independent walk of MS-GPREG §2.2.1, not the reader's). */
function layout(b: Buffer): Layout[] {
  const out: Layout[] = [];
  let pos = 8;
  const skipString = () => {
    while (b.readUInt16LE(pos) !== 0) pos += 2;
    pos += 2;
  };
  while (pos < b.length) {
    pos += 2; // [
    skipString();
    pos += 2; // ;
    skipString();
    pos += 2; // ;
    const typeAt = pos;
    pos += 4 + 2;
    const sizeAt = pos;
    const size = b.readUInt32LE(pos);
    pos += 4 + 2;
    out.push({ typeAt, sizeAt, dataAt: pos, size });
    pos += size + 2; // data ]
  }
  return out;
}

const TYPES = [0, 1, 2, 3, 4, 5, 7, 11];
const SIZES = [0, 1, 3, 5, 0x7fffffff, 0xffffffff];
const bracket = (c: string) => Buffer.from(c, 'utf16le');

/**
 * One byte-level mutation: blind (truncate, flip, insert, delete, …), or `aimed` at one record's type or
 * data with a matching size, which keeps the file readable and so tests what a read gives back.
 */
function mutate(rng: Rng, b: Buffer, aimed: boolean): [Buffer, string] {
  const at = rng.int(b.length + 1);
  const records = (() => {
    try {
      return layout(b);
    } catch {
      return []; // an earlier mutation broke the layout: only blind mutations then
    }
  })();
  const r = records.length ? rng.pick(records) : undefined;
  switch (aimed ? rng.pick([7, 9]) : rng.int(11)) {
    case 0:
      return [b.subarray(0, at), `truncate at byte ${at}`];
    case 1: {
      const c = Buffer.from(b);
      if (at < c.length) c[at] = rng.int(256);
      return [c, `set byte ${at}`];
    }
    case 2:
      return [
        Buffer.concat([b.subarray(0, at), Buffer.from([rng.int(256)]), b.subarray(at)]),
        `insert a byte at ${at}`,
      ];
    case 3: {
      const n = 1 + rng.int(3);
      return [Buffer.concat([b.subarray(0, at), b.subarray(at + n)]), `delete ${n} byte(s) at ${at}`];
    }
    case 4: {
      const c = rng.pick(['[', ']', ';']);
      const i = b.indexOf(bracket(c), rng.int(b.length));
      if (i < 0) return [b, 'unchanged'];
      return [Buffer.concat([b.subarray(0, i), b.subarray(i + 2)]), `remove the '${c}' at byte ${i}`];
    }
    case 5: {
      const c = Buffer.from(b);
      const [where, v] = rng.pick([
        [0, rng.pick([0, 0x50526567, 0x67655251])],
        [4, rng.pick([0, 2, 0xffffffff])],
      ] as const);
      if (c.length >= where + 4) c.writeUInt32LE(v, where);
      return [c, `header field at byte ${where} = 0x${v.toString(16)}`];
    }
    case 6:
      return [Buffer.concat([b, b.subarray(8, 8 + rng.int(b.length))]), 'append part of the records again'];
    case 7: {
      if (!r) return [b, 'unchanged'];
      const c = Buffer.from(b);
      const t = aimed || rng.chance(0.7) ? rng.pick(TYPES) : rng.int(2 ** 32);
      c.writeUInt32LE(t, r.typeAt);
      return [c, `type of the record at byte ${r.typeAt - 4} = ${t}`];
    }
    case 8: {
      if (!r) return [b, 'unchanged'];
      const c = Buffer.from(b);
      const s = rng.pick(SIZES);
      c.writeUInt32LE(s, r.sizeAt);
      return [c, `size field at byte ${r.sizeAt} = ${s}`];
    }
    case 9: {
      // New data with a matching size: odd lengths, lone surrogates, missing terminators.
      if (!r) return [b, 'unchanged'];
      const data = Buffer.from(
        Array.from({ length: rng.int(10) }, () => rng.pick([0, 0, 0x41, 0xd8, 0xdc, 0xff])),
      );
      const c = Buffer.concat([b.subarray(0, r.dataAt), data, b.subarray(r.dataAt + r.size)]);
      c.writeUInt32LE(data.length, r.sizeAt);
      return [c, `data at byte ${r.dataAt} = ${data.toString('hex') || '(empty)'}`];
    }
    default: {
      // A key without its NUL terminator.
      const i = b.indexOf(Buffer.from([0, 0, 0x3b, 0]), rng.int(b.length));
      if (i < 0) return [b, 'unchanged'];
      return [Buffer.concat([b.subarray(0, i), b.subarray(i + 2)]), `drop the NUL at byte ${i}`];
    }
  }
}

const STRING_TYPES = new Set<number>([RegType.SZ, RegType.EXPAND_SZ, RegType.MULTI_SZ]);
const NUL = Buffer.from([0, 0]);

/** The data re-encodes to its bytes; only a string's missing terminator(s) may be added. */
function lossless(raw: Buffer, type: number, encoded: Buffer): boolean {
  if (encoded.equals(raw)) return true;
  if (STRING_TYPES.has(type) && encoded.equals(Buffer.concat([raw, NUL]))) return true;
  if (type !== RegType.MULTI_SZ) return false;
  // An empty REG_MULTI_SZ is written as one NUL, whatever run of NULs it was read from.
  return encoded.equals(Buffer.concat([raw, NUL, NUL])) || (raw.every((x) => x === 0) && encoded.equals(NUL));
}

const json = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

describe('fuzz: the Registry.pol reader refuses damaged files with the byte offset, and loses nothing', () => {
  const seeds: readonly [string, Buffer][] = [
    ['golden Machine/registry.pol', readFileSync(`${GPO}Machine/registry.pol`)],
    ['golden User/registry.pol', readFileSync(`${GPO}User/registry.pol`)],
    ['every value type', writeRegistryPol(every)],
  ];

  it(`readRegistryPol: ${400 * SCALE} seeded byte-level mutations`, () => {
    const failures = new Failures();
    for (let n = 0; n < 400 * SCALE; n++) {
      const rng = caseRng('registry-pol', n);
      const [name, seed] = rng.pick(seeds);
      let bytes = seed;
      const what: string[] = [];
      const aimed = rng.chance(0.5);
      for (let step = 1 + rng.int(3); step > 0; step--) {
        const [next, did] = mutate(rng, bytes, aimed);
        [bytes, what[what.length]] = [next, did];
      }
      const ctx = `OPENMBAM_FUZZ_SEED=${SEED} Registry.pol case ${n} (${name}): ${what.join('; ')}`;
      const r = timed(() => readRegistryPol(bytes, FILE));
      failures.check(ctx, r, () => {
        if (r.error !== undefined) {
          expectUserError(r.error, ctx, [FILE]);
          expect(r.error, ctx).to.be.instanceOf(RegistryPolError);
          expect((r.error as Error).message, `${ctx}: where?`).to.match(/byte \d+|signature|version \d+/);
          return;
        }
        const records = r.value ?? [];
        layout(bytes).forEach((l, i) => {
          const rec = records[i];
          const raw = bytes.subarray(l.dataAt, l.dataAt + l.size);
          const type = bytes.readUInt32LE(l.typeAt);
          const encoded = rec ? encodeData(rec.data) : Buffer.alloc(0);
          expect(
            rec !== undefined && lossless(raw, type, encoded),
            `${ctx}: record ${i} (type ${type}) read from ${raw.toString('hex') || '(empty)'} writes back as ${encoded.toString('hex')}`,
          ).to.equal(true);
        });
        expect(json(readRegistryPol(writeRegistryPol(records))), `${ctx}: not stable`).to.equal(
          json(records),
        );
      });
    }
    failures.expectNone('Registry.pol mutations');
  });
});
