import { expect } from 'chai';
import type { TestServer } from '@openmbam/server/test-support/server';
import { newGuid } from '../platform/simulated/random-ids';
import { testAgent, withTestServer } from './harness';

const HOUR = 3_600_000;

describe('agent ⇄ real server: offline escrow spool and bad answers', function () {
  this.timeout(60_000);
  let server: TestServer;
  withTestServer((s) => (server = s));

  it('spools the escrow while the server is down, encrypts nothing, and delivers after a restart of both', async () => {
    const t = await testAgent(server);
    await t.agent.runCycle();
    t.clock.advance(2 * HOUR); // the OS drive finishes encrypting
    await server.stop();
    const data = t.machine.insertDrive({ volumeId: newGuid(), mountPoint: 'D:', driveType: 'FixedData' });

    const offline = await t.agent.runCycle();
    expect(offline.outcome).to.equal('offline');
    const added = data.protectors.filter((p) => p.type === 'NumericalPassword');
    expect(added).to.have.length(1);
    expect(data.conversionStatus, 'no encryption without a confirmed escrow').to.equal('FullyDecrypted');
    const spool = (await t.store.read('escrow-spool')) as {
      entries: { keyProtectorId: string; attempts: number }[];
    };
    expect(spool.entries.map((e) => e.keyProtectorId)).to.deep.equal([added[0]!.id]);

    // the agent process restarts, still offline: the pending escrow is kept, no second password is added
    t.clock.advance(HOUR);
    const again = await t.restart().runCycle();
    expect(again.outcome).to.equal('offline');
    expect(data.protectors.filter((p) => p.type === 'NumericalPassword')).to.have.length(1);
    expect(data.conversionStatus).to.equal('FullyDecrypted');

    await server.restart();
    t.clock.advance(HOUR);
    const back = await t.restart().runCycle();
    expect(back.outcome).to.equal('ok');
    expect(await t.store.read('escrow-spool')).to.deep.equal({ version: 1, entries: [] });
    const keys = await server.escrowedKeys();
    expect(keys.find((k) => k.keyProtectorId === added[0]!.id)?.recoveryPassword).to.equal(
      added[0]!.password,
    );
    expect(data.conversionStatus).to.equal('EncryptionInProgress');
    expect(data.autoUnlockEnabled).to.equal(true);
  });

  it('acts on no server answer that does not match the protocol, and keeps running', async () => {
    const t = await testAgent(server);
    await t.agent.runCycle();
    const os = [...t.machine.volumes.values()][0]!;
    const before = os.protectors.map((p) => p.id);
    const lying: typeof fetch = async (input, init) =>
      String(input).endsWith('/status')
        ? new Response(JSON.stringify({ rotate: before, nextReportSeconds: 0, extra: 'x' }), { status: 200 })
        : fetch(input, init);
    const result = await t.restart({ fetch: lying }).runCycle({ forceStatus: true });
    expect(result.outcome).to.equal('offline');
    expect(os.protectors.map((p) => p.id)).to.deep.equal(before);
    const failed = t.logs.find((l) => l.event === 'status.failed');
    expect(failed?.message).to.match(/does not match the protocol: .*nextReportSeconds/);
    expect((await t.restart().runCycle({ forceStatus: true })).outcome).to.equal('ok');
  });

  it('ignores rotate ids that are not GUIDs', async () => {
    const t = await testAgent(server);
    await t.agent.runCycle();
    const os = [...t.machine.volumes.values()][0]!;
    const before = os.protectors.map((p) => p.id);
    const odd: typeof fetch = async (input, init) =>
      String(input).endsWith('/status')
        ? new Response(JSON.stringify({ rotate: ['BitLocker', '../../x'], nextReportSeconds: 60 }), {
            status: 200,
          })
        : fetch(input, init);
    const result = await t.restart({ fetch: odd }).runCycle({ forceStatus: true });
    expect(result.outcome).to.equal('ok');
    expect(os.protectors.map((p) => p.id)).to.deep.equal(before);
    expect(t.logs.some((l) => l.event === 'status.bad_rotate')).to.equal(true);
  });

  it('reports a revoked device and stops escrowing without crashing', async () => {
    const t = await testAgent(server);
    await t.agent.runCycle();
    const revoked: typeof fetch = async () =>
      new Response(
        JSON.stringify({ error: { code: 'device_revoked', message: 'This device was revoked.' } }),
        { status: 403 },
      );
    const result = await t.restart({ fetch: revoked }).runCycle({ forceStatus: true });
    expect(result.outcome).to.equal('revoked');
  });
});
