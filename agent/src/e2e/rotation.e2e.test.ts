import { expect } from 'chai';
import type { TestServer } from '@openmbam/server/test-support/server';
import { InjectedCrash } from '../service/context';
import type { SimulatedVolume } from '../platform/simulated/volume-state';
import { logText, testAgent, withTestServer, type TestAgent } from './harness';

const HOUR = 3_600_000;
const CRASH_POINTS = [
  'rotation:after-start',
  'rotation:after-add',
  'rotation:after-add-journal',
  'rotation:after-escrow',
  'rotation:after-escrow-journal',
  'rotation:after-delete',
  'rotation:after-delete-journal',
  'rotation:after-confirm',
];

describe('agent ⇄ real server: rotation after help-desk disclosure', function () {
  this.timeout(120_000);
  let server: TestServer;
  withTestServer((s) => (server = s));

  /** An enrolled machine with an encrypted OS drive whose recovery password the help desk has just disclosed. */
  async function disclosed(): Promise<{ t: TestAgent; os: SimulatedVolume; oldId: string }> {
    const t = await testAgent(server);
    await t.agent.runCycle();
    t.clock.advance(2 * HOUR);
    const os = [...t.machine.volumes.values()][0]!;
    const oldId = os.protectors.find((p) => p.type === 'NumericalPassword')!.id;
    await server.discloseKey(oldId);
    return { t, os, oldId };
  }

  async function serverKeys(os: SimulatedVolume) {
    return (await server.escrowedKeys()).filter((k) => k.volumeId === os.volumeId);
  }

  /** Every recovery password on the disk that the server holds with the same password. */
  async function escrowedOnDisk(os: SimulatedVolume) {
    const keys = await serverKeys(os);
    return os.protectors.filter(
      (p) =>
        p.type === 'NumericalPassword' &&
        keys.some((k) => k.keyProtectorId === p.id && k.recoveryPassword === p.password),
    );
  }

  async function expectRotated(t: TestAgent, os: SimulatedVolume, oldId: string): Promise<void> {
    const passwords = os.protectors.filter((p) => p.type === 'NumericalPassword');
    expect(passwords, 'exactly one recovery password left').to.have.length(1);
    expect(passwords[0]!.id).not.to.equal(oldId);
    expect(await escrowedOnDisk(os)).to.deep.equal(passwords);
    const old = (await serverKeys(os)).find((k) => k.keyProtectorId === oldId);
    expect(old).to.include({ disclosed: true, rotated: true });
    expect(await t.store.read('rotation-journal')).to.deep.equal({ version: 1, entries: [] });
    expect(os.protectors.some((p) => p.type === 'Tpm')).to.equal(true);
  }

  it('adds a new recovery password, escrows it, deletes the disclosed one and confirms', async () => {
    const { t, os, oldId } = await disclosed();
    const result = await t.agent.runCycle({ forceStatus: true });
    expect(result.rotated).to.deep.equal([oldId]);
    await expectRotated(t, os, oldId);
    const order = t.machine.changes.slice(-2).map((c) => c.split(' ')[0]);
    expect(order).to.deep.equal(['addRecoveryPasswordProtector', 'deleteKeyProtector']);
    expect(t.logs.some((l) => l.event === 'rotation.done')).to.equal(true);
    for (const p of os.protectors) if (p.password) expect(logText(t.logs)).not.to.contain(p.password);
  });

  for (const point of CRASH_POINTS) {
    it(`survives a crash at ${point}: an escrowed protector remains, and the next run finishes the rotation`, async () => {
      const { t, os, oldId } = await disclosed();
      const crashing = t.restart({
        fault: (p) => {
          if (p === point) throw new InjectedCrash(p);
        },
      });
      await crashing.runCycle({ forceStatus: true }).then(
        () => expect.fail(`no crash at ${point}`),
        (e: unknown) => expect(e).to.be.instanceOf(InjectedCrash),
      );
      expect(
        (await escrowedOnDisk(os)).length,
        'an escrowed recovery password is on the disk after the crash',
      ).to.be.greaterThan(0);

      t.clock.advance(HOUR);
      await t.restart().runCycle({ forceStatus: true });
      await expectRotated(t, os, oldId);
    });
  }

  it('does not try to escrow the protector a resumed rotation has just deleted', async () => {
    const { t } = await disclosed();
    const crashing = t.restart({
      fault: (p) => {
        if (p === 'rotation:after-escrow-journal') throw new InjectedCrash(p);
      },
    });
    await crashing.runCycle({ forceStatus: true }).catch(() => undefined);
    t.clock.advance(HOUR);
    await t.restart().runCycle({ forceStatus: true });
    expect(t.logs.filter((l) => l.event === 'escrow.unreadable')).to.deep.equal([]);
  });

  it('never deletes the disclosed protector when the new one cannot be escrowed, and finishes when the server is back', async () => {
    const { t, os, oldId } = await disclosed();
    let down = false;
    const flaky: typeof fetch = (input, init) => {
      // the server is unreachable for the escrow of any protector but the disclosed one (reconciled first)
      const escrowOfNew = String(input).endsWith('/recovery-keys') && !String(init?.body).includes(oldId);
      if (down && escrowOfNew) return Promise.reject(new TypeError('fetch failed'));
      return fetch(input, init);
    };
    down = true;
    const agent = t.restart({ fetch: flaky });
    const first = await agent.runCycle({ forceStatus: true });
    expect(first.outcome).to.equal('offline');
    expect(
      os.protectors.some((p) => p.id === oldId),
      'the disclosed protector stays until its successor is escrowed',
    ).to.equal(true);
    expect(await t.store.read('escrow-spool')).to.have.nested.property('entries[0].reason', 'rotation');
    down = false;
    t.clock.advance(HOUR);
    await agent.runCycle({ forceStatus: true });
    await expectRotated(t, os, oldId);
  });
});
