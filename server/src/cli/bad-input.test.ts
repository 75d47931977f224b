// Command-line mistakes found by bad-input.fuzz.test.ts: each ends with exit 2 and a message naming
// the flag, never a stack trace, and leaves the data directory as it was.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runInProcess } from './bad-input-fuzz/run-in-process';
import { snapshot } from './bad-input-fuzz/snapshot';

describe('openmbam refusals', function () {
  this.timeout(60_000);
  const root = mkdtempSync(join(tmpdir(), 'openmbam-cli-bad-'));
  const dataDir = join(root, 'data');
  const env = { OPENMBAM_LOG_LEVEL: 'silent' };
  const d = ['--data-dir', dataDir];
  before(async () => {
    expect((await runInProcess(['user', 'add', 'alice', ...d], env)).code).to.equal(0);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function refused(args: string[], message: RegExp, extraEnv: Record<string, string> = {}) {
    const before = snapshot(dataDir);
    const run = await runInProcess(args, { ...env, ...extraEnv });
    expect(run.code, run.stderr).to.equal(2);
    expect(run.stderr).to.match(message);
    expect(snapshot(dataDir)).to.deep.equal(before);
  }

  it('caps durations so none overflows a date (99999999w was a RangeError, exit 1)', async () => {
    await refused(['token', 'create', '--expires', '99999999w', ...d], /--expires must be .* at most 365d/);
    await refused(['token', 'create', '--expires', '10000000w', ...d], /--expires must be .* at most 365d/);
    await refused(['audit', 'list', '--since', '99999999w', ...d], /--since must be .* at most 36500d/);
  });

  it('refuses over-long labels and names instead of cutting them, naming the flag', async () => {
    await refused(
      ['token', 'create', '--label', 'x'.repeat(201), ...d],
      /^openmbam: --label must be 0 to 200/,
    );
    await refused(
      ['user', 'token', 'create', '--user', 'alice', '--label', 'x'.repeat(101), ...d],
      /--label must be 1 to 100/,
    );
    await refused(
      ['user', 'token', 'create', '--user', 'alice', '--expires-in-days', '731', ...d],
      /--expires-in-days must be a whole number from 1 to 730/,
    );
    await refused(
      ['user', 'token', 'create', '--user', 'nobody', ...d],
      /--user must name an enabled local user/,
    );
    await refused(
      ['user', 'add', 'bob', '--display-name', 'x'.repeat(257), ...d],
      /--display-name must be 0 to 256/,
    );
    await refused(['user', 'add', 'bob', '--role', 'NaN', ...d], /^openmbam: --role: "NaN" is not a role/);
  });

  it('refuses U+0000 and half surrogate pairs in any argument', async () => {
    await refused(['token', 'create', '--label', 'a\u0000b', ...d], /--label contains the character U\+0000/);
    await refused(['device', 'revoke', '\ud800', ...d], /^openmbam: id is not well-formed Unicode/);
  });

  it('backup refuses a blank --out, the databases own folder, and a data directory with no databases', async () => {
    await refused(['backup', '--out', ' ', ...d], /--out is blank/);
    await refused(['backup', '--out', dataDir, ...d], /--out is the folder of the databases themselves/);
    await refused(
      ['backup', '--out', join(root, 'b'), '--data-dir', join(root, 'empty')],
      /There is no recovery database/,
    );
  });

  it('refuses a data directory that is a file, and a database file that is not a database', async () => {
    writeFileSync(join(root, 'afile'), 'x');
    await refused(
      ['device', 'list', '--data-dir', join(root, 'afile')],
      /\/dataDir is invalid: expected a folder.*--data-dir/,
    );
    await refused(
      ['device', 'list', ...d],
      /Cannot use the recovery database \(databases\.recovery\): SQLITE_NOTADB/,
      {
        OPENMBAM_RECOVERY_DB: join(dataDir, 'kek.json'), // a JSON file, as a typo'd path gives
      },
    );
  });

  it('serve checks its TLS files and its address before it opens the databases', async () => {
    const fresh = join(root, 'fresh');
    mkdirSync(fresh);
    const missing = await runInProcess(['serve', '--port', '0', '--data-dir', fresh], {
      ...env,
      OPENMBAM_TLS_CERT: '/nope.pem',
      OPENMBAM_TLS_KEY: '/nope.key',
    });
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.match(/tls\.certFile cannot be read \(ENOENT\)/);
    const host = await runInProcess(
      ['serve', '--port', '0', '--host', 'no-such-host.invalid', '--data-dir', fresh],
      env,
    );
    expect(host.code).to.equal(2);
    expect(host.stderr).to.match(
      /Cannot listen on no-such-host\.invalid port 0: the host name does not resolve/,
    );
    expect(snapshot(fresh)).to.deep.equal({});
  });
});
