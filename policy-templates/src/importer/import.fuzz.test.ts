// Generative ("fuzz") test of the ADMX/ADML importer, the reader of the files GPO administrators hand us
// most: seeded mutations of the real Windows templates (test-data/fixtures/admx) through the library
// (`importPolicySet`) and through `openmbam policy import` (bytes on disk: encodings, BOMs, invalid UTF-8).
// The other readers of user files have their own fuzz tests beside them: registry/registry-pol.fuzz.test.ts
// (Registry.pol), gpo/settings.fuzz.test.ts (`policy gpo --settings`) and
// definitions/definitions.fuzz.test.ts (`--definitions` modules). Each mutation must succeed or be refused
// with a user error naming what was wrong, within 2 s, and `policy import` must leave no output behind
// when it refuses. See testing/fuzz.ts for OPENMBAM_FUZZ_SEED / OPENMBAM_FUZZ_SCALE / OPENMBAM_FUZZ_VERBOSE.
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPolicySet, importToSource, type ImportInput } from './import';
import { policyImport } from '../commands/import';
import { buildCentralStore, type GeneratedFile } from '../writers/central-store';
import { PolicyUserError } from '../errors';
import type { PolicySet } from '../definitions/vocabulary';
import { xmllintSchema } from '../testing/xmllint';
import { writeAll } from '../testing/golden';
import {
  caseRng,
  expectUserError,
  Failures,
  SCALE,
  SEED,
  show,
  timed,
  timedAsync,
  type Rng,
} from '../testing/fuzz';
import { breakReference, mutateXml, xmlOps, type Mutated } from '../testing/xml-mutations';
import { windowsPairs, type Pair } from '../testing/windows-fixtures';

const { raw, repaired } = windowsPairs();
const pathsOf = (i: ImportInput): string[] => [i.admxPath, ...i.adml.map((a) => a.path)];
const replacer = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);

interface Case {
  readonly input: ImportInput;
  readonly what: string[];
  readonly mustRefuse?: string;
}

/** 1–3 mutations of the ADMX, the ADML, or the pair as a whole (second locale, renamed ids, …). */
function mutatePair(rng: Rng, p: Pair, secretFile: string): Case {
  const ops = xmlOps(secretFile);
  let [admx, adml, admlPath] = [p.admx, p.adml, p.admlPath];
  let extra: ImportInput['adml'] = [];
  let noAdml = false;
  const what: string[] = [];
  let last: Mutated | undefined;
  const xml = (file: 'ADMX' | 'ADML'): void => {
    last = mutateXml(rng, file === 'ADMX' ? admx : adml, ops);
    if (file === 'ADMX') admx = last.text;
    else adml = last.text;
    what.push(`${file}: ${last.what}`);
  };
  for (let step = 1 + rng.int(3); step > 0; step--) {
    const target = rng.next();
    if (target < 0.45) xml('ADMX');
    else if (target < 0.9) xml('ADML');
    else {
      last = undefined;
      switch (rng.int(6)) {
        case 0:
          [admx, adml] = [adml, admx];
          what.push('swap the ADMX and the ADML');
          break;
        case 1: {
          const fr = mutateXml(rng, adml, ops);
          extra = [{ path: p.admlPath.replace('/en-US/', '/fr-FR/'), text: fr.text }];
          what.push(`add a fr-FR ADML: ${fr.what}`);
          break;
        }
        case 2: {
          // Harmless: the same id renamed in both files.
          const ids = [...adml.matchAll(/<string id="([^"]+)"/g)].map((m) => m[1] ?? '');
          if (!ids.length) break;
          const id = rng.pick(ids);
          const rename = (t: string) =>
            t
              .replaceAll(`$(string.${id})`, `$(string.${id}Fz)`)
              .replaceAll(`<string id="${id}"`, `<string id="${id}Fz"`);
          [admx, adml] = [rename(admx), rename(adml)];
          what.push(`rename string ${id} to ${id}Fz in both files`);
          break;
        }
        case 3:
          admlPath = p.admlPath.replace('/en-US/', '/strings/');
          what.push('the ADML in a folder that is not a locale');
          last = { text: '', what: '', mustRefuse: 'the ADML locale is unknown' };
          break;
        case 4:
          noAdml = true;
          what.push('no ADML');
          last = { text: '', what: '', mustRefuse: 'an ADMX needs its ADML' };
          break;
        default: {
          const m = breakReference(rng, admx);
          if (m) [admx, last] = [m.text, m];
          what.push(`ADMX: ${m?.what ?? 'unchanged'}`);
        }
      }
    }
  }
  const adml0 = { path: admlPath, text: adml };
  return {
    input: { admxPath: p.admxPath, admx, adml: noAdml ? [] : [adml0, ...extra] },
    what,
    // Only the last step's verdict holds: a later step may delete what an earlier one broke.
    mustRefuse: last?.mustRefuse,
  };
}

/** A successful import is complete data the writers accept, taken from the files as written. */
function expectImported(set: PolicySet, c: Case, ctx: string, secret: string): GeneratedFile[] {
  const json = JSON.stringify(set, (k, v: unknown) => {
    if (typeof v === 'number' && !Number.isInteger(v)) expect.fail(`${ctx}: ${k} is ${v}`);
    return replacer(k, v);
  });
  expect(json, `${ctx}: an entity was expanded`).not.to.include(secret).and.not.to.include('lollollol');
  // A decimal default comes from the ADML as written (no '0x10' read as 16, no '' read as 0).
  const adml = c.input.adml[0]?.text ?? '';
  for (const p of set.templates.flatMap((t) => t.policies))
    for (const e of p.elements ?? [])
      if (e.kind === 'decimal' && e.default !== undefined)
        expect(
          adml.includes(`defaultValue="${e.default}"`) || adml.includes(`<defaultValue>${e.default}</`),
          `${ctx}: default ${e.default} of ${p.name}/${e.id} is not in the ADML`,
        ).to.equal(true);
  const built = timed(() => buildCentralStore(set));
  if (built.error) expect.fail(`${ctx}: imported, but the writers refuse it: ${String(built.error)}`);
  return built.value ?? [];
}

/** Runs xmllint once over every accepted case's generated files; returns the cases that fail the schema. */
function schemaFailures(root: string, outputs: ReadonlyMap<string, readonly GeneratedFile[]>): string[] {
  const written = [...outputs].flatMap(([ctx, files], i) =>
    writeAll(
      join(root, String(i)),
      files.map((f) => ({ path: f.path, bytes: f.content })),
    ).map((path) => ({ path, ctx })),
  );
  if (!written.length) return [];
  try {
    xmllintSchema(written.map((x) => x.path));
    return [];
  } catch (e) {
    const out = (e as Error).message.split('\n');
    return written
      .filter((x) => out.some((l) => l.startsWith(`${x.path}:`)))
      .map((x) => {
        const lines = out.filter((l) => l.startsWith(`${x.path}:`)).slice(0, 3);
        return `${x.ctx}: imported, but the generated ${x.path.slice(root.length)} fails the ADMX schema:\n${lines.join('\n')}`;
      });
  }
}

// Byte-level variants of one file for `policy import`. `faithful` encodings must read exactly like the
// text; the others must be refused (rule `encoding`), never decoded into U+FFFD.
type Encoding = readonly [name: string, encode: (t: string, rng: Rng) => Buffer, faithful: boolean];
const utf16be = (t: string): Buffer => Buffer.from(t, 'utf16le').swap16();
/** The fixtures' text starts with the BOM that readFileSync keeps; each encoding adds its own or none. */
const bare = (t: string): string => t.replace(/^\uFEFF/, '');
const BAD_UTF8 = [[0x80], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xff], [0xe9], [0xc3, 0x28]];
const ENCODINGS: readonly Encoding[] = [
  ['UTF-8', (t) => Buffer.from(bare(t), 'utf8'), true],
  ['UTF-8 with BOM', (t) => Buffer.from(`\uFEFF${bare(t)}`, 'utf8'), true],
  ['UTF-16LE with BOM', (t) => Buffer.from(`\uFEFF${bare(t)}`, 'utf16le'), true],
  ['UTF-16BE with BOM', (t) => utf16be(`\uFEFF${bare(t)}`), true],
  ['UTF-16LE without BOM', (t) => Buffer.from(bare(t), 'utf16le'), false],
  [
    'UTF-32LE BOM',
    (t) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(bare(t), 'utf16le')]),
    false,
  ],
  ['UTF-16LE cut to an odd length', (t) => Buffer.from(`\uFEFF${bare(t)}`, 'utf16le').subarray(0, -1), false],
  [
    'UTF-8 with an invalid sequence',
    (t, rng) => {
      const b = Buffer.from(bare(t), 'utf8');
      const at = rng.int(b.length);
      return Buffer.concat([b.subarray(0, at), Buffer.from(rng.pick(BAD_UTF8)), b.subarray(at)]);
    },
    false,
  ],
  ['Latin-1 with an é', (t) => Buffer.from(`${bare(t)}<!-- é -->`, 'latin1'), false],
];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('fuzz: the ADMX/ADML importer refuses bad input with a clear error, never a crash', function () {
  this.timeout(120_000);
  let dir = '';
  let secretFile = '';
  let secret = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pt-fuzz-import-'));
    secret = `FUZZ-SECRET-${SEED}`;
    secretFile = join(dir, 'secret.txt');
    writeFileSync(secretFile, secret);
    // Loads ts-morph (the TypeScript compiler) once, so the first case's time bound measures the import.
    const p = repaired.find((x) => x.name.startsWith('CipherSuiteOrder')) ?? (repaired[0] as Pair);
    importToSource(
      { admxPath: p.admxPath, admx: p.admx, adml: [{ path: p.admlPath, text: p.adml }] },
      'x.ts',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the repaired Windows templates import (so mutations of them reach every step)', () => {
    for (const p of repaired) {
      const r = timed(() =>
        importPolicySet({ admxPath: p.admxPath, admx: p.admx, adml: [{ path: p.admlPath, text: p.adml }] }),
      );
      expect(r.error, `${p.name}: ${String(r.error)}`).to.equal(undefined);
    }
  });

  it(`importPolicySet: ${480 * SCALE} seeded mutations of the Windows templates`, () => {
    const failures = new Failures();
    const accepted = new Map<string, readonly GeneratedFile[]>();
    for (let n = 0; n < 480 * SCALE; n++) {
      const rng = caseRng('importer', n);
      const pair = n % 5 === 4 ? rng.pick(raw) : rng.pick(repaired);
      const c = mutatePair(rng, pair, secretFile);
      const ctx = `OPENMBAM_FUZZ_SEED=${SEED} importer case ${n} (${pair.name}): ${c.what.join('; ')}`;
      const r = timed(() => importPolicySet(c.input));
      failures.check(ctx, r, () => {
        if (r.error !== undefined) {
          expectUserError(r.error, ctx, pathsOf(c.input));
          expect((r.error as Error).message, `${ctx}: the error shows an entity`).not.to.include(secret);
        } else {
          if (c.mustRefuse) expect.fail(`${ctx}: accepted, but ${c.mustRefuse}`);
          accepted.set(ctx, expectImported(r.value as PolicySet, c, ctx, secret));
        }
      });
    }
    failures.list.push(...schemaFailures(join(dir, 'accepted'), accepted));
    failures.expectNone('importer mutations');
  });

  it(`policy import: ${60 * SCALE} seeded byte-level mutations write every file or none`, async () => {
    const failures = new Failures();
    for (let n = 0; n < 60 * SCALE; n++) {
      const rng = caseRng('policy-import', n);
      const pair = rng.pick(repaired);
      let [admx, adml] = [pair.admx, pair.adml];
      const what: string[] = [];
      if (rng.chance(0.5)) {
        const which = rng.chance(0.5) ? 'ADMX' : 'ADML';
        const m = mutateXml(rng, which === 'ADMX' ? admx : adml, xmlOps(secretFile));
        // A JavaScript string with a lone surrogate has no faithful encoding: keep the seed then.
        if (!LONE_SURROGATE.test(m.text)) {
          if (which === 'ADMX') admx = m.text;
          else adml = m.text;
          what.push(`${which}: ${m.what}`);
        }
      }
      const [encName, encode, faithful] = rng.pick(ENCODINGS);
      const onAdmx = rng.chance(0.5);
      what.push(`${onAdmx ? 'ADMX' : 'ADML'} written as ${encName}`);
      const ctx = `OPENMBAM_FUZZ_SEED=${SEED} policy import case ${n} (${pair.name}): ${what.join('; ')}`;
      const cwd = join(dir, 'cli', String(n));
      const base = pair.admxPath.split('/').pop() ?? 'X.admx';
      const admxPath = join(cwd, base);
      const admlPath = join(cwd, 'en-US', base.replace(/\.admx$/, '.adml'));
      mkdirSync(join(cwd, 'en-US'), { recursive: true });
      writeFileSync(admxPath, onAdmx ? encode(admx, rng) : Buffer.from(admx, 'utf8'));
      writeFileSync(admlPath, onAdmx ? Buffer.from(adml, 'utf8') : encode(adml, rng));
      const expected = timed(() =>
        importPolicySet({ admxPath, admx, adml: [{ path: admlPath, text: adml }] }),
      ).error;
      const r = await timedAsync(() =>
        policyImport({
          cwd,
          admx: base,
          adml: [`en-US/${base.replace(/\.admx$/, '.adml')}`],
          out: 'out/defs.ts',
        }),
      );
      failures.check(ctx, r, () => {
        const out = join(cwd, 'out');
        if (r.error !== undefined) {
          expectUserError(r.error, ctx, [admxPath, admlPath]);
          expect(existsSync(out), `${ctx}: refused, but wrote ${out}`).to.equal(false);
        } else {
          const files = r.value?.files ?? [];
          expect(
            files.map((f) => f.slice(out.length)),
            ctx,
          ).to.deep.equal(['/defs.ts', '/defs-en-US.ts']);
          for (const f of files)
            expect(readFileSync(f, 'utf8'), `${ctx}: ${f} holds U+FFFD`).not.to.include('\uFFFD');
        }
        const rule = (e: unknown) =>
          e instanceof PolicyUserError ? e.rule : e === undefined ? 'accepted' : 'other';
        if (faithful)
          expect(
            rule(r.error),
            `${ctx}: reads differently from the same text (${show(String(r.error), 200)})`,
          ).to.equal(rule(expected));
        else expect(rule(r.error), `${ctx}: must be refused for its encoding`).to.equal('encoding');
      });
    }
    failures.expectNone('policy import mutations');
  });
});
