// Generative test of the `openmbam simulate` command line: seeded mutations of valid invocations (counts,
// rates and durations empty, negative, fractional, NaN, 1e9, 0x10, huge, unicode digits; server URLs with
// other schemes, credentials, queries, bad ports; tokens with spaces, NUL, non-ASCII, 5000 characters;
// flags dropped, duplicated or unknown; extra arguments). No simulation runs: a hook stops each accepted
// command line before its action, and checks the options it would have run with. A refused one must end
// on the typed path through `main`: exit code 2 and one line that names the flag and shows the right
// form, never a stack trace, nor the token. OPENMBAM_FUZZ_SEED / OPENMBAM_FUZZ_SCALE replay and scale it.
import { expect } from 'chai';
import { Command, CommanderError } from 'commander';
import { createServer } from 'node:net';
import { prng, type Rng } from '@openmbam/server/test-support/seeded-random';
import { AgentUserError } from '../errors';
import { parseSimulateOptions, registerSimulateCommand, type SimulateCliOptions } from './cli';
import type { FleetOptions } from './fleet';
import { main } from './main';

const SEED = Number(process.env.OPENMBAM_FUZZ_SEED ?? 20261129);
const CASES = Math.round(2000 * Number(process.env.OPENMBAM_FUZZ_SCALE ?? 1));
const TOKEN = 'mbamenroll_Zm9vYmFyYmF6cXV4';

const BASES: readonly (readonly string[])[] = [
  ['simulate', '--clients', '10', '--server', 'http://127.0.0.1:8443', '--token', TOKEN, '--json'],
  [
    'simulate',
    '--clients',
    '200',
    '--server',
    'https://mbam.contoso.com/openmbam/',
    '--token',
    TOKEN,
    '--rate',
    '2.5',
    '--duration',
    '60',
    '--concurrency',
    '8',
  ],
];
const VALUE_FLAGS = ['--clients', '--server', '--token', '--rate', '--duration', '--concurrency'];
const VALUES = [
  '',
  ' ',
  '0',
  '-1',
  '-0',
  '1',
  '1.5',
  '1.0',
  '.5',
  '5.',
  '1e3',
  '1e9',
  '1e-2',
  '0x10',
  '0b1',
  '0o7',
  'NaN',
  'Infinity',
  '1_000',
  '１０',
  '١٠',
  '10abc',
  ' 10',
  '10\n',
  '9'.repeat(400),
  '1000001',
  '0.001',
  '0.01',
  '0.1',
  '86400',
  '86401',
  '10000',
  '10001',
  '\u0000',
  'a\u0000b',
  'é',
  'x'.repeat(201),
  'x'.repeat(5000),
  'http://',
  'http://127.0.0.1:99999',
  'http://[::1]:8443',
  'ftp://mbam',
  'file:///etc/passwd',
  'http://admin:secret@mbam',
  'http://mbam/?q=1',
  'http://mbam/#f',
  'https://mbam.contoso.com/openmbam',
  'http://lab-server:8080',
  'javascript:alert(1)',
  '//mbam',
  'mbam:8443',
  `${TOKEN} extra`,
  `${TOKEN}\n`,
  '--json',
  '-',
];
const UNKNOWN = ['--bogus', '--client', '--CLIENTS', '--rate=5', '-c', '--'];

interface Case {
  readonly argv: string[];
  readonly touched: string;
}

function mutate(base: readonly string[], rng: Rng): Case {
  const argv = [...base];
  const values = argv.map((_, i) => i).filter((i) => VALUE_FLAGS.includes(argv[i - 1] ?? ''));
  const value = rng.pick(VALUES);
  switch (rng.pick([0, 1, 2, 3, 3, 3, 3, 3, 3, 4, 5])) {
    case 0:
      argv.push(rng.pick(UNKNOWN), ...(rng.int(2) ? [value] : []));
      return { argv, touched: 'unknown flag' };
    case 1:
      argv.push(value);
      return { argv, touched: 'extra argument' };
    case 2: {
      const flag = rng.pick(VALUE_FLAGS);
      argv.push(flag, value);
      return { argv, touched: flag };
    }
    case 3: {
      const i = rng.pick(values);
      argv[i] = value;
      return { argv, touched: argv[i - 1] ?? '' };
    }
    case 4: {
      const i = rng.pick(values);
      const touched = argv[i - 1] ?? '';
      argv.splice(i, 1);
      return { argv, touched };
    }
    default: {
      const i = rng.pick(values) - 1;
      const touched = argv[i] ?? '';
      argv.splice(i, 2);
      return { argv, touched };
    }
  }
}

class Accepted extends Error {
  constructor(readonly options: Omit<FleetOptions, 'onProgress'>) {
    super('accepted');
  }
}

/** Parses like `openmbam simulate`, stopping before the action: returns the options, or throws. */
async function parse(argv: readonly string[]): Promise<Omit<FleetOptions, 'onProgress'>> {
  const program = new Command('openmbam')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  registerSimulateCommand(program);
  program.hook('preAction', (_root, action) => {
    throw new Accepted(parseSimulateOptions(action.opts<SimulateCliOptions>()));
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof Accepted) return e.options;
    throw e;
  }
  throw new Error('the action ran');
}

/** `main` with stderr captured: the exit code and what the user sees. */
async function runMain(argv: readonly string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof write;
  try {
    return { code: await main([...argv]), stderr };
  } finally {
    process.stderr.write = write;
  }
}

/** The options a simulation may start with. */
function expectSane(o: Omit<FleetOptions, 'onProgress'>, ctx: string): void {
  expect(Number.isInteger(o.clients) && o.clients >= 1 && o.clients <= 1_000_000, `${ctx}: clients`).to.equal(
    true,
  );
  const url = new URL(o.serverUrl);
  expect(['http:', 'https:'], `${ctx}: server scheme`).to.include(url.protocol);
  expect(url.username + url.password + url.search + url.hash, `${ctx}: server URL`).to.equal('');
  expect(o.token, `${ctx}: token`).to.match(/^[\x21-\x7e]{1,200}$/);
  if (o.rate !== undefined) expect(o.rate, ctx).to.be.within(0.01, 1_000_000);
  if (o.duration !== undefined) {
    expect(o.rate, `${ctx}: duration without rate`).not.to.equal(undefined);
    expect(Math.round((o.rate ?? 0) * o.duration), `${ctx}: reports`).to.be.at.least(1);
  }
  if (o.concurrency !== undefined)
    expect(Number.isInteger(o.concurrency) && o.concurrency >= 1, `${ctx}: concurrency`).to.equal(true);
}

describe('openmbam simulate command line (fuzz)', function () {
  this.timeout(60_000);
  const saved = process.env['OPENMBAM_ENROLLMENT_TOKEN'];
  const savedExitCode = process.exitCode;
  before(() => delete process.env['OPENMBAM_ENROLLMENT_TOKEN']);
  after(() => {
    if (saved !== undefined) process.env['OPENMBAM_ENROLLMENT_TOKEN'] = saved;
    process.exitCode = savedExitCode;
  });

  it('accepts the base invocations', async () => {
    for (const argv of BASES) expectSane(await parse(argv), argv.join(' '));
  });

  it(`${CASES} mutated command lines: sane options, or exit 2 naming the flag, without a trace or the token`, async () => {
    const failures: string[] = [];
    const outcomes = new Map<string, number>();
    for (let n = 0; n < CASES; n++) {
      const rng = prng(SEED + n);
      const c = mutate(rng.pick(BASES), rng);
      const ctx = `OPENMBAM_FUZZ_SEED=${SEED} case ${n} (${c.touched}): ${JSON.stringify(c.argv).slice(0, 300)}`;
      try {
        const options = await parse(c.argv).catch((e: unknown) => e as Error);
        if (!(options instanceof Error)) {
          outcomes.set('accepted', (outcomes.get('accepted') ?? 0) + 1);
          expectSane(options, ctx);
          continue;
        }
        const e = options;
        outcomes.set(e.name, (outcomes.get(e.name) ?? 0) + 1);
        if (e instanceof CommanderError) expect(e.exitCode, ctx).not.to.equal(0);
        else {
          expect(e, `${ctx}: threw ${e.name}: ${e.message}\n${e.stack}`).to.be.instanceOf(AgentUserError);
          const u = e as AgentUserError;
          expect(u.exitCode, ctx).to.equal(2);
          expect(u.field, `${ctx}: ${u.message}`).to.match(/^--/);
          if (!['unknown flag', 'extra argument'].includes(c.touched) && c.touched !== u.field)
            expect(c.argv, `${ctx}: ${u.field} blamed; ${u.message}`).to.include(u.field);
          expect(u.message, ctx).to.include(u.field ?? '--');
        }
        // Through `main`: exit code 2 and one teaching line; no stack, no token, no flood.
        const r = await runMain(c.argv);
        expect(r.code, `${ctx}: exit code; ${r.stderr}`).to.equal(2);
        expect(r.stderr, ctx).to.match(/^(openmbam|error): /);
        expect(r.stderr, `${ctx}: a stack trace`).not.to.match(/\n\s+at .+:\d+/);
        // The token is a secret: never shown, unless the user typed it as another flag's value too.
        const t = c.argv.lastIndexOf('--token');
        const token = t >= 0 ? (c.argv[t + 1] ?? '') : '';
        const elsewhere = c.argv.some((a, i) => i !== t + 1 && a.includes(TOKEN));
        if (token.length >= 8 && !elsewhere)
          expect(r.stderr, `${ctx}: the token is shown`).not.to.include(token.slice(0, 16));
        expect(r.stderr.length, `${ctx}: a flood`).to.be.below(1000);
      } catch (err) {
        failures.push((err as Error).message.split('\n').slice(0, 6).join('\n    '));
      }
    }
    if (process.env['OPENMBAM_FUZZ_VERBOSE']) console.log(Object.fromEntries(outcomes));
    expect(
      failures.length,
      `${failures.length} cases failed:\n- ${failures.slice(0, 8).join('\n- ')}`,
    ).to.equal(0);
  });

  it('a server that is not there: the run ends with a summary and exit code 1, not a crash', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => resolve(typeof a === 'object' && a ? a.port : 1));
      });
    });
    const write = process.stdout.write.bind(process.stdout);
    let stdout = '';
    process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof write;
    try {
      const r = await runMain([
        'simulate',
        '--clients',
        '2',
        '--server',
        `http://127.0.0.1:${port}`,
        '--token',
        TOKEN,
        '--json',
      ]);
      expect(r.code).to.equal(1);
    } finally {
      process.stdout.write = write;
      process.exitCode = savedExitCode;
    }
    const summary = JSON.parse(stdout) as { firstErrors: string[] };
    expect(summary).to.include({ clients: 2, enrolled: 0 }).and.have.property('errors').above(0);
    // the summary says why: before, an unreachable server only warned and firstErrors stayed empty
    expect(summary.firstErrors.join('\n')).to.match(/^server\.unreachable: Enrollment waits for the server/);
  });
});
