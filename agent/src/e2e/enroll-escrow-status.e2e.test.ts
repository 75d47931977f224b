import { expect } from 'chai';
import type { TestServer } from '@openmbam/server/test-support/server';
import { newGuid } from '../platform/simulated/random-ids';
import { logText, testAgent, withTestServer } from './harness';

describe('agent ⇄ real server: enrollment, escrow before encryption, status', function () {
  this.timeout(60_000);
  let server: TestServer;
  withTestServer((s) => (server = s));

  it('enrolls, forgets the token, escrows a new recovery password and only then starts encrypting', async () => {
    const t = await testAgent(server);
    const os = [...t.machine.volumes.values()][0]!;
    let escrowedAtStart: string[] | undefined;
    const start = t.machine.startEncryption.bind(t.machine);
    t.machine.startEncryption = async (volumeId, options) => {
      escrowedAtStart = (await server.escrowedKeys())
        .filter((k) => k.volumeId === volumeId)
        .map((k) => k.keyProtectorId);
      return start(volumeId, options);
    };

    const result = await t.agent.runCycle();

    expect(result.outcome).to.equal('ok');
    expect(result.statusSent).to.equal(true);
    expect(t.config.current.enrollmentToken).to.equal(undefined);
    const password = os.protectors.find((p) => p.type === 'NumericalPassword')!;
    expect(escrowedAtStart).to.deep.equal([password.id]);
    const keys = await server.escrowedKeys();
    expect(keys).to.have.length(1);
    expect(keys[0]).to.include({
      volumeId: os.volumeId,
      keyProtectorId: password.id,
      recoveryPassword: password.password,
    });
    expect(os.conversionStatus).to.equal('EncryptionInProgress');
    expect(os.encryptionMethod).to.equal('XtsAes256');
    expect(os.protectors.map((p) => p.type).sort()).to.deep.equal(['NumericalPassword', 'Tpm']);
    expect(t.machine.changes.map((c) => c.split(' ')[0])).to.deep.equal([
      'addRecoveryPasswordProtector',
      'addTpmProtector',
      'startEncryption',
    ]);
    expect(logText(t.logs)).not.to.contain(password.password!);
  });

  it('reports the volume compliant once encryption has finished, and re-escrows nothing new', async () => {
    const t = await testAgent(server);
    await t.agent.runCycle();
    t.clock.advance(120 * 60_000);
    const second = await t.agent.runCycle({ forceStatus: true });
    expect(second.outcome).to.equal('ok');
    expect(second.statusSent).to.equal(true);
    const os = [...t.machine.volumes.values()][0]!;
    expect(os.conversionStatus).to.equal('FullyEncrypted');
    const delivered = t.logs.filter((l) => l.event === 'escrow.delivered');
    expect(delivered.at(-1)).to.include({ created: false }); // reconciliation: the server's copy matches the disk
  });

  it('escrows an existing recovery password of an already encrypted drive and of an inserted removable drive', async () => {
    const t = await testAgent(server, {
      machine: {
        volumes: [
          {
            volumeId: newGuid(),
            mountPoint: 'C:',
            driveType: 'OperatingSystem',
            conversionStatus: 'FullyEncrypted',
            encryptionMethod: 'XtsAes256',
            protectors: [
              { id: newGuid(), type: 'Tpm' },
              {
                id: newGuid(),
                type: 'NumericalPassword',
                password: '254793-568007-425557-712855-251119-474815-445082-696212',
              },
            ],
          },
        ],
      },
    });
    await t.agent.runCycle();
    t.machine.insertDrive({
      volumeId: newGuid(),
      mountPoint: 'E:',
      driveType: 'RemovableData',
      conversionStatus: 'FullyEncrypted',
      encryptionMethod: 'Aes128',
      protectors: [{ id: newGuid(), type: 'Passphrase' }],
    });
    await t.agent.runCycle();
    const stick = [...t.machine.volumes.values()].find((v) => v.mountPoint === 'E:')!;
    const keys = (await server.escrowedKeys()).filter((k) =>
      [...t.machine.volumes.keys()].includes(k.volumeId),
    );
    expect(keys.map((k) => k.recoveryPassword)).to.include(
      '254793-568007-425557-712855-251119-474815-445082-696212',
    );
    const stickPassword = stick.protectors.find((p) => p.type === 'NumericalPassword');
    expect(stickPassword, 'a recovery password was added to the removable drive').to.not.equal(undefined);
    expect(keys.map((k) => k.keyProtectorId)).to.include(stickPassword!.id);
    expect(t.machine.changes.filter((c) => c.startsWith('startEncryption'))).to.deep.equal([]);
  });
});
