// Secrets stay secret: after escrowing known recovery passwords, key packages and TPM owner
// authorizations (and answering a status report), neither database file, its WAL, nor anything the
// server printed contains any of them in plaintext.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@openmbam/server/config/load';
import { startTestServer } from '@openmbam/server/test-support/server';
import {
  TestDevice,
  randomGuid,
  randomRecoveryPassword,
  sampleStatus,
} from '@openmbam/server/test-support/test-device';
import { spawnServer } from '../support/server-process';

describe('secrets at rest: no plaintext secret in the database files, WAL or logs', function () {
  this.timeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'openmbam-leak-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds none of the escrowed secrets anywhere on disk or in the log output', async () => {
    const admin = await startTestServer({
      config: loadConfig({ dataDir, port: 0 }, { OPENMBAM_LOG_LEVEL: 'silent' }),
    });
    const token = await admin.createEnrollmentToken();
    await admin.stop();

    const server = await spawnServer(dataDir, { OPENMBAM_LOG_LEVEL: 'trace' });
    const secrets: string[] = [];
    for (let i = 0; i < 5; i++) {
      const device = await new TestDevice(server.url).init();
      expect((await device.enroll(token)).status).to.equal(201);
      const volumeId = randomGuid();
      const keyProtectorId = randomGuid();
      const recoveryPassword = randomRecoveryPassword();
      const keyPackageText = `KEYPACKAGE-${i}-${randomGuid()}`;
      const tpmOwnerAuth = `OWNERAUTH-${i}-${randomGuid()}`;
      secrets.push(recoveryPassword, recoveryPassword.replace(/-/g, ''), keyPackageText, tpmOwnerAuth);
      const keyPackage = Buffer.from(keyPackageText).toString('base64');
      secrets.push(keyPackage);
      const body = {
        volumeId,
        driveType: 'OperatingSystem' as const,
        keyProtectorId,
        recoveryPassword,
        keyPackage,
        tpmOwnerAuth,
      };
      expect((await device.escrow(body)).status).to.equal(201);
      expect((await device.escrow(body)).status).to.equal(200); // the repeat path opens the stored secret
      // a refused escrow: its error must not echo the password either
      const bad = recoveryPassword.replace(/^\d{6}/, '000001');
      expect(
        (await device.escrow({ ...body, recoveryPassword: bad, keyProtectorId: randomGuid() })).status,
      ).to.equal(400);
      secrets.push(bad);
      expect((await device.status(sampleStatus([{ volumeId, keyProtectorId }]))).status).to.equal(200);
    }
    // SIGKILL leaves the WAL files in place, so they are scanned too.
    await server.kill('SIGKILL');

    const files = readdirSync(dataDir).filter((f) => /\.db(-wal|-shm)?$/.test(f));
    expect(files).to.include.members(['recovery.db', 'recovery.db-wal', 'compliance.db']);
    const haystacks: Array<[string, Buffer]> = files.map((f) => [f, readFileSync(join(dataDir, f))]);
    haystacks.push(['server output', Buffer.from(server.output())]);
    expect(server.output()).to.match(/request completed/); // the log really was written at trace level
    for (const [name, content] of haystacks) {
      for (const secret of secrets) {
        for (const encoding of ['utf8', 'utf16le'] as const) {
          expect(
            content.includes(Buffer.from(secret, encoding)),
            `a secret in ${name} (${encoding})`,
          ).to.equal(false);
        }
      }
    }
  });
});
