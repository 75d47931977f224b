// An acknowledged escrow survives a crash: the server is killed with SIGKILL while escrows are in
// flight; after a restart every escrow that was answered 201 is present and decrypts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@openmbam/server/config/load';
import { startTestServer } from '@openmbam/server/test-support/server';
import { TestDevice, randomGuid, randomRecoveryPassword } from '@openmbam/server/test-support/test-device';
import { spawnServer } from '../support/server-process';

describe('durability: SIGKILL while escrows are in flight', function () {
  this.timeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'openmbam-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged escrow, and each one decrypts after restart', async () => {
    const first = await spawnServer(dataDir);
    const token = await (async () => {
      const probe = await startTestServer({
        config: loadConfig({ dataDir, port: 0 }, { OPENMBAM_LOG_LEVEL: 'silent' }),
      });
      const t = await probe.createEnrollmentToken();
      await probe.stop();
      return t;
    })();
    const devices = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const d = await new TestDevice(first.url).init();
        expect((await d.enroll(token)).status).to.equal(201);
        return d;
      }),
    );

    const acknowledged: Array<{ keyProtectorId: string; recoveryPassword: string }> = [];
    let killed = false;
    const workers = devices.map(async (device) => {
      while (!killed) {
        const request = {
          volumeId: randomGuid(),
          driveType: 'FixedData' as const,
          keyProtectorId: randomGuid(),
          recoveryPassword: randomRecoveryPassword(),
        };
        try {
          const answer = await device.escrow(request);
          if (answer.status === 201) acknowledged.push(request);
        } catch {
          return; // connection reset by the kill: not acknowledged
        }
      }
    });
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 10));
    killed = true;
    expect(await first.kill('SIGKILL')).to.equal(null);
    await Promise.all(workers);

    const restarted = await startTestServer({
      config: loadConfig({ dataDir, port: 0 }, { OPENMBAM_LOG_LEVEL: 'silent' }),
    });
    try {
      const stored = new Map(
        (await restarted.escrowedKeys()).map((k) => [k.keyProtectorId, k.recoveryPassword]),
      );
      const missing = acknowledged.filter((a) => stored.get(a.keyProtectorId) !== a.recoveryPassword);
      expect(
        missing.length,
        `${missing.length} of ${acknowledged.length} acknowledged escrows lost`,
      ).to.equal(0);
      expect(stored.size).to.be.at.least(acknowledged.length);
    } finally {
      await restarted.stop();
    }
  });
});
