// Generative bad input for the `openmbam` command line (not `policy …` or `simulate`, covered by their
// packages): seeded mutations of valid invocations of every server command, run in-process against a
// temporary data directory on the embedded default (SQLite and a local key file). Whatever the input,
// the command succeeds or refuses with exit 2 and a message naming what was wrong; never exit 1 (a
// bug), never a secret in its output, and a refusal changes no file and no row of either database.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { prng } from '../test-support/seeded-random';
import { type Invocation, mutateInvocation } from './bad-input-fuzz/argv-mutations';
import { runInProcess } from './bad-input-fuzz/run-in-process';
import { snapshot } from './bad-input-fuzz/snapshot';

const SEED = Number(process.env.OPENMBAM_FUZZ_SEED ?? 20261129);
// OPENMBAM_FUZZ_SCALE=10 makes a ten times longer run (as in every *.fuzz.test.ts)
const MUTATIONS_PER_COMMAND = 50 * Number(process.env.OPENMBAM_FUZZ_SCALE ?? 1);
const CLIENT_SECRET = 'planted-oidc-client-secret-6f1c2b';

describe('openmbam command line: generative bad input', function () {
  this.timeout(120_000);
  const root = mkdtempSync(join(tmpdir(), 'openmbam-cli-fuzz-'));
  // relative values such as ../../etc/passwd stay inside the temporary folder
  const cwd = join(root, 'a', 'b', 'c');
  const dataDir = join(root, 'data');
  const env = {
    OPENMBAM_LOG_LEVEL: 'silent',
    OPENMBAM_OIDC_ISSUER: 'https://login.example.test/tenant',
    OPENMBAM_OIDC_CLIENT_ID: 'openmbam',
    OPENMBAM_OIDC_CLIENT_SECRET: CLIENT_SECRET,
  };
  const secrets = [CLIENT_SECRET];
  let originalCwd: string;
  let tokenId: string;
  let users = 0; // each valid `user add` adds a new user

  before(async () => {
    originalCwd = process.cwd();
    mkdirSync(cwd, { recursive: true });
    process.chdir(cwd);
    const added = await runInProcess(
      ['user', 'add', 'alice', '--role', 'Helpdesk', '--data-dir', dataDir],
      env,
    );
    expect(added.code, added.stderr).to.equal(0);
    const created = await runInProcess(['token', 'create', '--json', '--data-dir', dataDir], env);
    expect(created.code, created.stderr).to.equal(0);
    tokenId = (JSON.parse(created.stdout) as { id: string }).id;
    const kek = JSON.parse(readFileSync(join(dataDir, 'kek.json'), 'utf8')) as {
      keys: Record<string, string>;
    };
    secrets.push(...Object.values(kek.keys));
  });
  after(() => {
    process.chdir(originalCwd);
    rmSync(root, { recursive: true, force: true });
  });

  const d = () => ['--data-dir', dataDir];
  const commands: Array<{ name: string; words: number; valid: () => string[] }> = [
    { name: 'serve', words: 1, valid: () => ['serve', '--port', '0', '--host', '127.0.0.1', ...d()] },
    { name: 'migrate', words: 1, valid: () => ['migrate', '--json', ...d()] },
    { name: 'migrate --print-sql', words: 1, valid: () => ['migrate', '--print-sql', 'sqlite', '--json'] },
    {
      name: 'token create',
      words: 2,
      valid: () => [
        'token',
        'create',
        '--expires',
        '7d',
        '--uses',
        '3',
        '--label',
        'Berlin',
        '--allow-reenrollment',
        '--json',
        ...d(),
      ],
    },
    { name: 'token list', words: 2, valid: () => ['token', 'list', '--json', ...d()] },
    { name: 'token revoke', words: 2, valid: () => ['token', 'revoke', tokenId, '--json', ...d()] },
    { name: 'device list', words: 2, valid: () => ['device', 'list', ...d()] },
    {
      name: 'device revoke',
      words: 2,
      valid: () => ['device', 'revoke', '8d0b2a35-37c1-4f55-9a35-9d6c3f2e8a11', ...d()],
    },
    {
      name: 'user add',
      words: 2,
      valid: () => ['user', 'add', `bob${++users}`, '--role', 'Helpdesk', '--display-name', 'Bob', ...d()],
    },
    { name: 'user list', words: 2, valid: () => ['user', 'list', '--json', ...d()] },
    {
      name: 'user token create',
      words: 3,
      valid: () => [
        'user',
        'token',
        'create',
        '--user',
        'alice',
        '--label',
        'nightly',
        '--expires-in-days',
        '30',
        ...d(),
      ],
    },
    { name: 'keys rotate-kek', words: 2, valid: () => ['keys', 'rotate-kek', '--json', ...d()] },
    { name: 'backup', words: 1, valid: () => ['backup', '--out', join(root, 'backup'), '--json', ...d()] },
    { name: 'audit verify', words: 2, valid: () => ['audit', 'verify', '--json', ...d()] },
    {
      name: 'audit list',
      words: 2,
      valid: () => ['audit', 'list', '--since', '7d', '--limit', '10', ...d()],
    },
  ];

  for (const [index, command] of commands.entries()) {
    it(`${command.name}: succeeds or refuses with exit 2, echoes no secret, and a refusal writes nothing`, async () => {
      const rng = prng(SEED + index);
      let before = snapshot(dataDir);
      for (let i = 0; i < MUTATIONS_PER_COMMAND; i++) {
        const mutation: Invocation = mutateInvocation(command.valid(), command.words, rng);
        const run = await runInProcess(mutation.args, env);
        const where = `seed ${SEED} (OPENMBAM_FUZZ_SEED), ${command.name} case ${i}, ${mutation.what}: openmbam ${mutation.args
          .map((a) => JSON.stringify(a.length > 80 ? `${a.slice(0, 80)}…` : a))
          .join(' ')}\nstderr: ${run.stderr.slice(0, 2000)}`;
        expect(run.code, where).to.be.oneOf([0, 2]);
        expect(run.stderr, where).not.to.include('please report it');
        for (const secret of secrets) expect(run.stdout + run.stderr, where).not.to.include(secret);
        const after = snapshot(dataDir);
        if (run.code === 0) {
          before = after;
          continue;
        }
        expect(run.stderr, where).to.match(/^(openmbam: |error: )\S/);
        // a refusal names the flag it is about; another data directory is a valid value whose
        // contents may be refused for another reason (no such token there)
        if (mutation.names && mutation.names !== '--data-dir') {
          expect(run.stderr, where).to.include(mutation.names);
        }
        expect(after, where).to.deep.equal(before);
      }
    });
  }
});
