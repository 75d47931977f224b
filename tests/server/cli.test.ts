// The `openmbam` command administers a data directory, including while the server is serving it.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import SQLite from 'better-sqlite3';
import { loadConfig } from '@openmbam/server/config/load';
import { startTestServer } from '@openmbam/server/test-support/server';
import { TestDevice, randomGuid, randomRecoveryPassword } from '@openmbam/server/test-support/test-device';
import { openmbam } from '../support/cli';
import { spawnServer } from '../support/server-process';

describe('openmbam command line', function () {
  this.timeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'openmbam-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates, lists and revokes enrollment tokens, printing JSON with --json', async () => {
    const created = await openmbam([
      'token',
      'create',
      '--data-dir',
      dataDir,
      '--expires',
      '2h',
      '--uses',
      '3',
      '--json',
    ]);
    expect(created.code, created.stderr).to.equal(0);
    const token = JSON.parse(created.stdout) as { token: string; id: string; maxUses: number; state: string };
    expect(token.token).to.match(/^mbamenroll_[A-Za-z0-9_-]{43}$/);
    expect(token).to.include({ maxUses: 3, state: 'active' });
    expect(statSync(join(dataDir, 'kek.json')).mode & 0o077).to.equal(0);

    const listed = JSON.parse(
      (await openmbam(['token', 'list', '--data-dir', dataDir, '--json'])).stdout,
    ) as {
      tokens: Array<Record<string, unknown>>;
    };
    expect(listed.tokens.map((t) => t.id)).to.deep.equal([token.id]);
    expect(JSON.stringify(listed)).to.not.include(token.token); // only the hash is stored

    expect((await openmbam(['token', 'revoke', token.id, '--data-dir', dataDir])).code).to.equal(0);
    const again = await openmbam(['token', 'revoke', token.id, '--data-dir', dataDir]);
    expect(again.code).to.equal(2);
    expect(again.stderr).to.match(/No active enrollment token has id/);
  });

  it('explains bad arguments and exits 2', async () => {
    const uses = await openmbam(['token', 'create', '--data-dir', dataDir, '--uses', 'many']);
    expect(uses.code).to.equal(2);
    expect(uses.stderr).to.include('--uses must be a whole number of at least 1 (got "many")');
    const expires = await openmbam(['token', 'create', '--data-dir', dataDir, '--expires', 'soon']);
    expect(expires.stderr).to.include('--expires must be a positive duration such as 30m, 12h, 7d or 2w');
    const role = await openmbam(['user', 'add', 'bob', '--role', 'Admins', '--data-dir', dataDir]);
    expect(role.code).to.equal(2);
    expect(role.stderr).to.match(/"Admins" is not a role; expected one of "Helpdesk"/);
    const port = await openmbam(['serve', '--data-dir', dataDir, '--port', '80a']);
    expect(port.stderr).to.include('--port must be a number from 0 to 65535 (got "80a")');
    const dialect = await openmbam(['migrate', '--print-sql', 'oracle']);
    expect(dialect.stderr).to.include('--print-sql must be sqlite, postgres or mssql');
  });

  it('prints the SQL Server schema for a DBA', async () => {
    const result = await openmbam(['migrate', '--print-sql', 'mssql', '--json']);
    const scripts = JSON.parse(result.stdout) as Array<{ database: string; statements: string[] }>;
    expect(scripts.map((s) => s.database)).to.include.members(['recovery', 'compliance']);
    expect(scripts.flatMap((s) => s.statements).join('\n')).to.include('varbinary(max)');
  });

  it('rotates the key encryption key and backs up both databases while the server is serving', async () => {
    const server = await spawnServer(dataDir);
    try {
      const token = JSON.parse(
        (await openmbam(['token', 'create', '--data-dir', dataDir, '--uses', '5', '--json'])).stdout,
      ) as {
        token: string;
      };
      const device = await new TestDevice(server.url).init();
      expect((await device.enroll(token.token)).status).to.equal(201);
      const before = {
        volumeId: randomGuid(),
        driveType: 'OperatingSystem' as const,
        keyProtectorId: randomGuid(),
        recoveryPassword: randomRecoveryPassword(),
        tpmOwnerAuth: 'owner',
      };
      expect((await device.escrow(before)).status).to.equal(201);

      const rotated = await openmbam(['keys', 'rotate-kek', '--data-dir', dataDir, '--json']);
      expect(rotated.code, rotated.stderr).to.equal(0);
      const result = JSON.parse(rotated.stdout) as {
        previousKekId: string;
        currentKekId: string;
        rewrapped: number;
      };
      expect(result.currentKekId).to.not.equal(result.previousKekId);
      expect(result.rewrapped).to.equal(2); // the recovery password and the TPM owner authorization

      // The running server notices the new KEK without a restart.
      const after = {
        volumeId: randomGuid(),
        driveType: 'FixedData' as const,
        keyProtectorId: randomGuid(),
        recoveryPassword: randomRecoveryPassword(),
      };
      expect((await device.escrow(after)).status).to.equal(201);
      const db = new SQLite(join(dataDir, 'recovery.db'), { readonly: true });
      const kekIds = db
        .prepare('select distinct recovery_password_kek_id as k from key_protectors')
        .all() as Array<{ k: string }>;
      db.close();
      expect(kekIds.map((r) => r.k)).to.deep.equal([result.currentKekId]);

      const out = join(dataDir, 'backup');
      const backup = await openmbam(['backup', '--data-dir', dataDir, '--out', out, '--json']);
      expect(backup.code, backup.stderr).to.equal(0);
      expect(existsSync(join(out, 'recovery.db')) && existsSync(join(out, 'compliance.db'))).to.equal(true);
      const copy = new SQLite(join(out, 'recovery.db'), { readonly: true });
      expect(copy.prepare('select count(*) as n from key_protectors').get()).to.deep.equal({ n: 2 });
      copy.close();
    } finally {
      await server.kill('SIGTERM');
    }

    // Everything escrowed before and after the rotation still opens.
    const reopened = await startTestServer({
      config: loadConfig({ dataDir, port: 0 }, { OPENMBAM_LOG_LEVEL: 'silent' }),
    });
    try {
      expect((await reopened.escrowedKeys()).length).to.equal(2);
    } finally {
      await reopened.stop();
    }
  });

  it('finishes in-flight requests on SIGTERM and exits 0', async () => {
    const server = await spawnServer(dataDir);
    const token = JSON.parse(
      (await openmbam(['token', 'create', '--data-dir', dataDir, '--json'])).stdout,
    ) as {
      token: string;
    };
    const device = await new TestDevice(server.url).init();
    const body = JSON.stringify(device.enrollRequest(token.token));
    // The request is in flight: headers and half the body sent before SIGTERM, the rest after.
    const answer = new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(body.slice(0, 40));
      setTimeout(() => {
        exit = server.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(40)), 300);
      }, 300);
    });
    let exit: Promise<number | null> | undefined;
    expect(await answer).to.equal(201);
    expect(await exit).to.equal(0);
  });
});
