// `openmbam audit verify|list` as a person runs it: a real process on a data directory, exit codes
// included; and the option parsing that teaches.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { sql } from 'kysely';
import { recordAudit } from '../../audit/audit-log';
import { loadConfig } from '../../config/load';
import { UserError } from '../../errors';
import { openServices } from '../../runtime/services';
import { removeDataDir } from '../../test-support/server';
import { parseHead, parseSince } from './audit';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../../bin/openmbam.mjs');

async function openmbam(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('openmbam audit', function () {
  this.timeout(120_000);
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'openmbam-audit-cli-'));
    const services = await openServices(loadConfig({ dataDir }, {}));
    try {
      for (const [i, result] of ['disclosed', 'no-match', 'rate-limited'].entries()) {
        await recordAudit(services.dbs.compliance, {
          actor: `CONTOSO\\helpdesk${i}`,
          actorRole: 'Helpdesk',
          source: 'api',
          clientAddress: '127.0.0.1',
          action: 'helpdesk.recovery-key',
          targetKeyId: null,
          targetComputer: null,
          targetUser: null,
          reason: 'Lost PIN',
          result,
        });
      }
    } finally {
      await services.close();
    }
  });
  after(() => removeDataDir(dataDir));

  it('verify reports an intact chain, list prints the entries, and both speak JSON', async () => {
    const verify = await openmbam(['audit', 'verify', '--data-dir', dataDir]);
    expect(verify.code, verify.stderr).to.equal(0);
    expect(verify.stdout).to.match(/^Audit log intact: 3 entries, head 3 [0-9a-f]{64}$/m);

    const json = await openmbam(['audit', 'verify', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(json.stdout)).to.deep.include({ ok: true, entries: 3, headSeq: 3 });

    const list = await openmbam(['audit', 'list', '--data-dir', dataDir, '--since', '1d']);
    expect(list.stdout.trim().split('\n')).to.have.length(3);
    expect(list.stdout).to.contain('rate-limited');
    const listJson = JSON.parse(
      (await openmbam(['audit', 'list', '--json', '--data-dir', dataDir])).stdout,
    ) as {
      entries: Array<{ seq: number }>;
    };
    expect(listJson.entries.map((e) => e.seq)).to.deep.equal([1, 2, 3]);
  });

  it('verify --expect-head catches entries cut from the end, which the chain alone cannot show', async () => {
    const head = JSON.parse(
      (await openmbam(['audit', 'verify', '--json', '--data-dir', dataDir])).stdout,
    ) as {
      headSeq: number;
      headHash: string;
    };
    const expectHead = `${head.headSeq}:${head.headHash}`;
    const intact = await openmbam(['audit', 'verify', '--data-dir', dataDir, '--expect-head', expectHead]);
    expect(intact.code, intact.stderr).to.equal(0);
    expect(intact.stdout).to.contain(`--expect-head ${expectHead}`);

    const services = await openServices(loadConfig({ dataDir }, {}));
    try {
      await sql`delete from audit_log where seq = ${3}`.execute(services.dbs.compliance);
    } finally {
      await services.close();
    }
    expect((await openmbam(['audit', 'verify', '--data-dir', dataDir])).code).to.equal(0);
    const cut = await openmbam(['audit', 'verify', '--data-dir', dataDir, '--expect-head', expectHead]);
    expect(cut.code).to.equal(1);
    expect(cut.stdout).to.match(
      /^Audit log BROKEN at entry 3: the log ends at entry 2, but entry 3 was recorded/m,
    );
  });

  it('verify exits 1 and names the edited entry after one row is changed', async () => {
    const services = await openServices(loadConfig({ dataDir }, {}));
    try {
      await sql`update audit_log set actor = ${'CONTOSO\\someone-else'} where seq = ${2}`.execute(
        services.dbs.compliance,
      );
    } finally {
      await services.close();
    }
    const verify = await openmbam(['audit', 'verify', '--data-dir', dataDir]);
    expect(verify.code).to.equal(1);
    expect(verify.stdout).to.match(/^Audit log BROKEN at entry 2: .*edited/m);
  });

  it('--expect-head takes <seq>:<hash> and explains anything else', () => {
    expect(parseHead(`7:${'ab'.repeat(32)}`)).to.deep.equal({ seq: 7, hash: 'ab'.repeat(32) });
    for (const bad of ['7', `0:${'ab'.repeat(32)}`, '7:abc', `7 ${'ab'.repeat(32)}`]) {
      expect(() => parseHead(bad))
        .to.throw(UserError)
        .with.property('message')
        .that.matches(/--expect-head must be an entry number and its SHA-256 hash/);
    }
  });

  it('--since takes a date or a duration and explains anything else', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(parseSince('2026-11-01', now).toISOString()).to.equal('2026-11-01T00:00:00.000Z');
    expect(parseSince('12h', now).toISOString()).to.equal('2026-11-28T00:00:00.000Z');
    expect(() => parseSince('yesterday', now))
      .to.throw(UserError)
      .with.property('message')
      .that.matches(/--since must be a date such as 2026-11-01/);
  });
});
