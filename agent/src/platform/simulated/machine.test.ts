import { expect } from 'chai';
import { isRecoveryPassword } from '@openmbam/server/protocol';
import { PlatformError } from '../../errors';
import { SimulatedMachine } from './machine';

describe('SimulatedMachine', () => {
  it('encrypts over time like a real volume, and turns protection on when done', async () => {
    let t = 0;
    const m = new SimulatedMachine({ now: () => t, encryptionPercentPerMinute: 10 });
    const [os] = await m.getVolumes();
    const id = await m.addRecoveryPasswordProtector(os!.volumeId);
    expect(isRecoveryPassword(await m.getRecoveryPassword(os!.volumeId, id))).to.equal(true);
    await m.addTpmProtector(os!.volumeId);
    await m.startEncryption(os!.volumeId, { method: 'XtsAes256', usedSpaceOnly: false });
    t += 5 * 60_000;
    expect((await m.getVolumes())[0]).to.include({
      conversionStatus: 'EncryptionInProgress',
      encryptionPercentage: 50,
      protectionStatus: 'Off',
    });
    t += 6 * 60_000;
    expect((await m.getVolumes())[0]).to.include({
      conversionStatus: 'FullyEncrypted',
      encryptionPercentage: 100,
      protectionStatus: 'On',
      encryptionMethod: 'XtsAes256',
    });
  });

  it('changes under the agent: a drive inserted, a protector removed by a user, a locked volume', async () => {
    const m = new SimulatedMachine();
    const stick = m.insertDrive({
      volumeId: '{00000000-0000-0000-0000-00000000000E}',
      mountPoint: 'E:',
      driveType: 'RemovableData',
      locked: true,
    });
    expect((await m.getVolumes()).find((v) => v.mountPoint === 'E:')).to.include({
      locked: true,
      conversionStatus: null,
      protectionStatus: 'Unknown',
    });
    await m.addRecoveryPasswordProtector(stick.volumeId).then(
      () => expect.fail('locked'),
      (e: PlatformError) => expect(e.hresult).to.equal(0x80310000),
    );
    const [os] = await m.getVolumes();
    const id = await m.addRecoveryPasswordProtector(os!.volumeId);
    await m.deleteKeyProtector(os!.volumeId, id); // the user removes it
    expect((await m.getVolumes())[0]?.keyProtectors).to.deep.equal([]);
    m.failNext('getVolumes');
    await m.getVolumes().then(
      () => expect.fail('no fault'),
      (e: Error) => expect(e).to.be.instanceOf(PlatformError),
    );
  });
});
