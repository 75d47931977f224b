// Generative ("fuzz") test of the definitions reader: the module `openmbam policy build --definitions`
// and `policy gpo --definitions` load, which `policy import` writes and the user then edits by hand. Its
// types are gone at run time, so seeded mutations put wrong types, holes, misspelt fields and bad values
// into the MBAM definitions, the Fabrikam fixture and an imported Windows template. Each must validate
// and build, or be refused with a DefinitionError naming the path, the rule and what was expected, within
// 2 s; through the command, a refusal writes no Central Store folder. See testing/fuzz.ts.
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadedPolicySet } from './validate';
import type { PolicySet } from './vocabulary';
import { mbamDefinitions } from '../mbam/templates';
import { fabrikamSet } from '../testing/fixture-set';
import { importPolicySet } from '../importer/import';
import { buildCentralStore } from '../writers/central-store';
import { policyBuild } from '../commands/build';
import { caseRng, expectUserError, Failures, SCALE, SEED, timed, timedAsync } from '../testing/fuzz';
import { mutateValue } from '../testing/value-mutations';
import { windowsPairs } from '../testing/windows-fixtures';

const FILE = 'defs.ts';

const cipher = windowsPairs().repaired.find((p) => p.name.startsWith('CipherSuiteOrder'));
const SEEDS: readonly (readonly [string, PolicySet])[] = [
  ['MBAM definitions', mbamDefinitions],
  ['Fabrikam fixture', fabrikamSet],
  [
    'imported CipherSuiteOrder',
    importPolicySet({
      admxPath: cipher?.admxPath ?? '',
      admx: cipher?.admx ?? '',
      adml: [{ path: cipher?.admlPath ?? '', text: cipher?.adml ?? '' }],
    }),
  ],
];

/** Values a hand edit or a tsx-stripped type lets through, and strings that break a rule of their field. */
const VALUES: readonly unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  NaN,
  Infinity,
  2 ** 40,
  4294967296,
  '',
  'x',
  'a b',
  [],
  {},
  [1],
  { a: 1 },
  true,
  10n,
  -1n,
  18446744073709551616n,
  'windows:X',
  'a:b:c',
  '$(string.X)',
  '**del.x',
  'a'.repeat(300),
  'HKLM\\Software',
  'Software\\X\\',
  'nul\u0000inside',
  '\u0001',
  ']]>',
  '<x>',
  'é€𝄞',
  'en-US',
  'Machine',
  'decimal',
  'string',
  'or',
  'range',
  'textBox',
  'Cat_Fabrikam',
  'Flag',
];
const KEYS = [
  'valuename',
  'Key',
  'kind',
  'type',
  'control',
  '__proto__',
  'constructor',
  'x',
  'default',
  'name',
  'id',
];

/** TypeScript source for any value a mutation makes: undefined, holes, NaN, bigints, `__proto__` keys. */
function source(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number' || v === undefined) return String(v);
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  if (Array.isArray(v)) return `[${Array.from(v.keys(), (i) => (i in v ? source(v[i]) : '')).join(', ')}]`;
  // A computed key, so `__proto__` stays an own field as in the mutated object.
  return `{ ${Object.entries(v)
    .map(([k, x]) => `[${JSON.stringify(k)}]: ${source(x)}`)
    .join(', ')} }`;
}

describe('fuzz: the definitions reader refuses bad definitions with a clear error, never a crash', function () {
  this.timeout(120_000);
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'pt-fuzz-defs-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`LoadedPolicySet.from + buildCentralStore: ${400 * SCALE} seeded mutations of policy sets`, () => {
    const failures = new Failures();
    for (let n = 0; n < 400 * SCALE; n++) {
      const rng = caseRng('definitions', n);
      const [name, seed] = rng.pick(SEEDS);
      const set = structuredClone(seed);
      const what: string[] = [];
      const sameType = rng.chance(0.5);
      for (let step = 1 + rng.int(3); step > 0; step--)
        what.push(mutateValue(rng, set, VALUES, KEYS, sameType) ?? '');
      const ctx = `OPENMBAM_FUZZ_SEED=${SEED} definitions case ${n} (${name}): ${what.join('; ')}`;
      const r = timed(() => {
        LoadedPolicySet.from(set, { file: FILE });
        return buildCentralStore(set);
      });
      failures.check(ctx, r, () => {
        if (r.error !== undefined) expectUserError(r.error, ctx, [FILE]);
      });
    }
    failures.expectNone('definitions mutations');
  });

  it(`policy build --definitions: ${20 * SCALE} seeded mutations of a definitions module`, async () => {
    const failures = new Failures();
    for (let n = 0; n < 20 * SCALE; n++) {
      const rng = caseRng('policy-build', n);
      const [name, seed] = rng.pick(SEEDS);
      const set = structuredClone(seed);
      const what = [mutateValue(rng, set, VALUES, KEYS, rng.chance(0.5)) ?? ''];
      let text = `export const policySet = ${source(set)};\n`;
      if (rng.chance(0.2)) {
        text = text.slice(0, rng.int(text.length));
        what.push('truncate the module');
      }
      const ctx = `OPENMBAM_FUZZ_SEED=${SEED} policy build case ${n} (${name}): ${what.join('; ')}`;
      const file = join(dir, `defs-${n}.ts`);
      const out = join(dir, `store-${n}`);
      writeFileSync(file, text);
      const r = await timedAsync(() =>
        policyBuild({ cwd: dir, out: `store-${n}`, definitions: `defs-${n}.ts` }),
      );
      failures.check(ctx, r, () => {
        if (r.error !== undefined) {
          expectUserError(r.error, ctx, [file]);
          expect(existsSync(out), `${ctx}: refused, but wrote ${out}`).to.equal(false);
        } else expect(r.value?.files.length, ctx).to.be.greaterThan(0);
      });
    }
    failures.expectNone('policy build mutations');
  });
});
