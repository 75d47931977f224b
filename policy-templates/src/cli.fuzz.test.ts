// Generative test of the `openmbam policy …` command lines: seeded mutations of real, valid invocations
// (flag values empty, huge, numeric-looking, unicode, NUL, paths to nothing / a file / a folder / `..`;
// flags dropped, duplicated, unknown; arguments missing or extra), run through a real commander program in
// a throwaway folder that holds an existing Central Store, GPO backup and definitions. Each case must
// succeed, or end on the typed path (a PolicyUserError with exit code 2 naming the flag, argument or file
// and its rule; or commander's own usage error, which `openmbam` exits 2 on) with every file and folder
// byte for byte as before. OPENMBAM_FUZZ_SEED / OPENMBAM_FUZZ_SCALE as in testing/fuzz.ts.
import { expect } from 'chai';
import { Command, CommanderError } from 'commander';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerPolicyCommands } from './cli';
import { policyBuild } from './commands/build';
import { policyGpo } from './commands/gpo';
import { policyImport } from './commands/import';
import { PolicyUserError } from './errors';
import { caseRng, Failures, SCALE, SEED, show, timedAsync, type Rng } from './testing/fuzz';
import { snapshotTree, treeChanges } from './testing/tree-snapshot';
import { SHARED } from './testing/xmllint';

const EXAMPLE = fileURLToPath(new URL('../examples/mbam-baseline.json', import.meta.url));
const SAMPLE = join(SHARED, 'schemas/admx/samples');
const CASES = Math.round(150 * SCALE);

/** Valid invocations of each command, relative to the fixture folder (see `makeTemplate`). */
const BASES: Record<string, readonly (readonly string[])[]> = {
  build: [
    ['policy', 'build', '--out', 'store', '--locale', 'de-DE'],
    ['policy', 'build', '--out', 'fresh', '--definitions', 'defs/contoso.ts', '--json'],
  ],
  gpo: [
    ['policy', 'gpo', '--settings', 's.json', '--out', 'gpo'],
    ['policy', 'gpo', '--settings', 'c.json', '--out', 'fresh', '--definitions', 'defs/contoso.ts'],
  ],
  import: [
    ['policy', 'import', 'Contoso.admx', '--adml', 'en-US/Contoso.adml', '--out', 'fresh/contoso.ts'],
    [
      'policy',
      'import',
      'Contoso.admx',
      '--adml',
      'flat.adml',
      '--locale',
      'en-US',
      '--out',
      'defs/contoso.ts',
      '--force',
    ],
  ],
  show: [
    ['policy', 'show', 'CEIPPolicy', '--locale', 'de-DE'],
    ['policy', 'show', '--json'],
  ],
};
const VALUE_FLAGS = new Set(['--out', '--locale', '--definitions', '--settings', '--adml']);

/** Bad and odd values: the cases' folder sits two levels down, so `..` stays inside the test's folder. */
const VALUES = [
  '',
  ' ',
  '\t',
  '\u0000',
  'a\u0000b',
  'store\n',
  '-1',
  'NaN',
  '1e9',
  '0x10',
  '1.5',
  'é',
  'Ωmega.ts',
  '\u202eevil',
  'x'.repeat(300),
  'x'.repeat(300) + '.ts',
  'x'.repeat(5000),
  '..',
  '../nothing',
  'nothing/deeper/x',
  'nothing/x.ts',
  'afile',
  'afile/x',
  'afile/x.ts',
  'adir',
  'adir/.ts',
  'existing.ts',
  's.json',
  'store',
  'gpo',
  'Contoso.admx',
  'en-US/Contoso.adml',
  'de-DE',
  'en-us',
  'xx-XX',
  'de-DE,,en-US',
  'CEIPPolicy',
  '-',
  '--out',
];
const UNKNOWN = ['--bogus', '--OUT', '--force', '--locales', '--out=', '-o', '--'];

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f]*$/;

interface Case {
  readonly argv: string[];
  /** The flag or argument the mutation touched, which a refusal should name. */
  readonly touched: string;
}

/** The indexes of values (positional arguments and values of value-taking flags) in `argv`. */
function valueIndexes(argv: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      if (VALUE_FLAGS.has(a)) out.push(++i);
    } else out.push(i);
  }
  return out;
}

function flagOf(argv: readonly string[], i: number): string {
  const prev = argv[i - 1] ?? '';
  return VALUE_FLAGS.has(prev) ? prev : (argv[i] ?? '');
}

function mutate(base: readonly string[], rng: Rng): Case {
  const argv = [...base];
  const values = valueIndexes(argv);
  const flags = argv.map((a, i) => (a.startsWith('--') ? i : -1)).filter((i) => i >= 0);
  // Mostly a value replaced: commander itself catches the structural mistakes.
  const kind = values.length && flags.length ? rng.pick([0, 1, 2, 3, 3, 3, 3, 3, 3, 4, 5]) : rng.int(3);
  const value = rng.pick(VALUES);
  switch (kind) {
    case 0:
      argv.push(rng.pick(UNKNOWN), ...(rng.chance(0.5) ? [value] : []));
      return { argv, touched: 'unknown flag' };
    case 1:
      argv.push(value);
      return { argv, touched: 'extra argument' };
    case 2: {
      const flag = rng.pick([...VALUE_FLAGS]);
      argv.push(flag, value);
      return { argv, touched: flag };
    }
    case 3: {
      const i = rng.pick(values);
      const touched = flagOf(argv, i);
      argv[i] = value;
      return { argv, touched };
    }
    case 4: {
      const i = rng.pick(values);
      const touched = flagOf(argv, i);
      argv.splice(i, 1);
      return { argv, touched };
    }
    default: {
      const i = rng.pick(flags);
      const touched = argv[i] ?? '';
      argv.splice(i, VALUE_FLAGS.has(touched) ? 2 : 1);
      return { argv, touched };
    }
  }
}

/** Runs `openmbam …` in-process; returns what commander wrote to stderr. */
async function run(argv: readonly string[]): Promise<{ stderr: string }> {
  let stderr = '';
  const program = new Command('openmbam')
    .exitOverride()
    .configureOutput({ writeErr: (s) => void (stderr += s), writeOut: () => undefined });
  registerPolicyCommands(program);
  const log = console.log;
  console.log = () => undefined;
  try {
    await program.parseAsync(['node', 'openmbam', ...argv]);
  } catch (e) {
    if (e instanceof CommanderError) Object.assign(e, { stderr });
    throw e;
  } finally {
    console.log = log;
  }
  return { stderr };
}

/** Stack frames or raw Node/JS errors in a message mean a crash, not a teaching refusal. */
const CRASH =
  /\n\s+at .+:\d+:\d+|Cannot read prop|is not a function|is not iterable|\[object Object\]|undefined is not|^TypeError|ERR_INVALID_ARG/;

/** A fixture folder: inputs, an existing Central Store and GPO backup with user files beside them. */
async function makeTemplate(dir: string): Promise<void> {
  mkdirSync(join(dir, 'en-US'), { recursive: true });
  cpSync(join(SAMPLE, 'Contoso.admx'), join(dir, 'Contoso.admx'));
  cpSync(join(SAMPLE, 'en-US/Contoso.adml'), join(dir, 'en-US/Contoso.adml'));
  cpSync(join(SAMPLE, 'en-US/Contoso.adml'), join(dir, 'flat.adml'));
  cpSync(EXAMPLE, join(dir, 's.json'));
  writeFileSync(
    join(dir, 'c.json'),
    JSON.stringify({ policies: { AllTypes: { state: 'enabled', values: { Timeout: 60, Mode: 'On' } } } }),
  );
  writeFileSync(join(dir, 'afile'), 'not a module {');
  mkdirSync(join(dir, 'adir'));
  writeFileSync(join(dir, 'adir/keep.txt'), 'keep');
  writeFileSync(join(dir, 'existing.ts'), '// a hand-written file\n');
  await policyImport({
    cwd: dir,
    admx: 'Contoso.admx',
    adml: ['en-US/Contoso.adml'],
    out: 'defs/contoso.ts',
  });
  await policyBuild({ cwd: dir, out: 'store', locales: ['de-DE'] });
  // An older build, and a template of someone else's, which a refused build must leave as they are.
  writeFileSync(join(dir, 'store/PolicyDefinitions/BitLockerManagement.admx'), '<old/>');
  writeFileSync(join(dir, 'store/PolicyDefinitions/Other.admx'), '<other/>');
  await policyGpo({ cwd: dir, settings: 's.json', out: 'gpo' });
  writeFileSync(join(dir, 'gpo/notes.txt'), 'notes');
}

describe('openmbam policy command lines (fuzz)', function () {
  this.timeout(60_000);
  let root = '';
  let template = '';
  const home = process.cwd();
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'pt-cli-fuzz-'));
    template = join(root, 'template');
    await makeTemplate(template);
  });
  after(() => {
    process.chdir(home);
    rmSync(root, { recursive: true, force: true });
  });

  /** Runs one invocation in a fresh copy of the fixture; checks a refusal wrote nothing anywhere. */
  async function runCase(ctx: string, argv: readonly string[], touched: string, failures: Failures) {
    const cases = join(root, 'cases');
    rmSync(cases, { recursive: true, force: true });
    const cwd = join(cases, 'case');
    cpSync(template, cwd, { recursive: true });
    const before = snapshotTree(cases);
    process.chdir(cwd);
    const outcome = await timedAsync(() => run(argv));
    process.chdir(home);
    failures.check(ctx, outcome, () => {
      const e = outcome.error;
      if (e === undefined) {
        // What was accepted must have been right: locales the definitions have strings for, real paths.
        argv.forEach((a, i) => {
          const flag = argv[i - 1] ?? '';
          if (flag === '--locale')
            for (const l of a.split(','))
              expect(['en-US', 'de-DE'], `${ctx}: accepted --locale ${show(a)}`).to.include(l.trim());
          if (VALUE_FLAGS.has(flag))
            expect(a, `${ctx}: accepted ${flag}`).to.match(NO_CONTROL).and.to.match(/\S/);
        });
        return;
      }
      if (e instanceof CommanderError) {
        expect(e.exitCode, `${ctx}: commander exit code`).not.to.equal(0);
        expect((e as CommanderError & { stderr: string }).stderr, ctx).to.match(/^error: /);
      } else {
        if (!(e instanceof PolicyUserError)) {
          const err = e as Error;
          expect.fail(`${ctx}\n  threw ${err.name}: ${err.message}\n${err.stack ?? ''}`);
        }
        expect(e.exitCode, ctx).to.equal(2);
        expect(e.message, `${ctx}: the message betrays a crash`).not.to.match(CRASH);
        expect(e.message, `${ctx}: the message names no rule`).to.match(/\n {2}rule: +\S/);
        // The flag or argument mutated, another flag the mistake shows up in, the value shown, or the file.
        const names =
          e.file !== undefined ||
          e.message.includes(touched) ||
          argv.some((a) => (VALUE_FLAGS.has(a) || a === '<admx>') && e.message.includes(a)) ||
          argv.some((a) => e.message.includes(JSON.stringify(a).slice(0, 40)));
        expect(names, `${ctx}: the message names neither ${touched} nor a file:\n${e.message}`).to.equal(
          true,
        );
      }
      const changes = treeChanges(before, snapshotTree(cases));
      expect(changes, `${ctx}: a refused command changed files`).to.deep.equal([]);
    });
  }

  it('every base invocation succeeds unmutated', async () => {
    const failures = new Failures();
    for (const [name, bases] of Object.entries(BASES))
      for (const argv of bases) await runCase(`${name} ${JSON.stringify(argv)}`, argv, '', failures);
    for (const [k, n] of failures.outcomes) expect(k, `${n} base(s)`).to.equal('accepted');
    failures.expectNone('base invocations');
  });

  for (const name of Object.keys(BASES))
    it(`openmbam policy ${name}: ${CASES} mutated command lines succeed or are refused, writing nothing`, async () => {
      const failures = new Failures();
      for (let n = 0; n < CASES; n++) {
        const rng = caseRng(`cli-${name}`, n);
        let c = mutate(rng.pick(BASES[name] ?? []), rng);
        if (rng.chance(0.2)) c = { ...mutate(c.argv, rng), touched: c.touched };
        const ctx = `OPENMBAM_FUZZ_SEED=${SEED} ${name} case ${n} (${c.touched}): ${c.argv.map((a) => show(a, 40)).join(' ')}`;
        await runCase(ctx, c.argv, c.touched, failures);
      }
      failures.expectNone(`policy ${name} cases`);
    });
});
