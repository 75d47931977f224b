// The agent protocol end to end over real HTTP on loopback, on every dialect: enroll → escrow →
// status → rotation instruction after disclosure → confirmation, and idempotent re-escrow.
import { expect } from 'chai';
import { listDeviceSummaries } from '../devices/device-list';
import { TEST_DIALECTS } from '../test-support/dialects';
import { type TestServer, startTestServer } from '../test-support/server';
import { TestDevice, randomGuid, randomRecoveryPassword, sampleStatus } from '../test-support/test-device';

for (const dialect of TEST_DIALECTS) {
  describe(`client web services: the agent protocol (${dialect})`, function () {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ dialect });
    });
    after(async () => server.stop());

    it('enrolls, escrows, reports status, is told to rotate a disclosed key, and confirms the rotation', async () => {
      const device = await new TestDevice(server.url).init();
      const enrolled = await device.enroll(await server.createEnrollmentToken());
      expect(enrolled.status).to.equal(201);
      expect(device.deviceId).to.match(/^[0-9a-f-]{36}$/);

      const volumeId = randomGuid();
      const oldProtector = randomGuid();
      const oldPassword = randomRecoveryPassword();
      const escrow = await device.escrow({
        volumeId: volumeId.toLowerCase().replace(/[{}]/g, ''), // braces and case do not matter
        driveType: 'OperatingSystem',
        mountPoint: 'C:',
        keyProtectorId: oldProtector,
        recoveryPassword: oldPassword,
        keyPackage: Buffer.from('key package bytes').toString('base64'),
        tpmOwnerAuth: 'owner-auth-value',
      });
      expect(escrow.status).to.equal(201);
      expect(escrow.body).to.deep.equal({ volumeId, keyProtectorId: oldProtector, created: true });

      const first = await device.status(sampleStatus([{ volumeId, keyProtectorId: oldProtector }]));
      expect(first.status).to.equal(200);
      expect(first.body).to.deep.equal({ rotate: [], nextReportSeconds: 43200 });
      const listed = (await listDeviceSummaries(server.running().services.dbs)).find(
        (d) => d.id === device.deviceId,
      );
      expect(listed?.lastContactAt, 'last contact after a status report').to.be.a('string');

      await server.discloseKey(oldProtector);
      const second = await device.status(sampleStatus([{ volumeId, keyProtectorId: oldProtector }]));
      expect((second.body as { rotate: string[] }).rotate).to.deep.equal([oldProtector]);

      // Confirming before a new protector is escrowed would leave the disclosed key as the only one.
      const early = await device.confirmRotation(oldProtector);
      expect(early.status).to.equal(409);

      const newProtector = randomGuid();
      const newEscrow = await device.escrow({
        volumeId,
        driveType: 'OperatingSystem',
        keyProtectorId: newProtector,
        recoveryPassword: randomRecoveryPassword(),
      });
      expect(newEscrow.status).to.equal(201);
      const confirmed = await device.confirmRotation(oldProtector);
      expect(confirmed.status).to.equal(200);
      expect(confirmed.body).to.deep.equal({ keyProtectorId: oldProtector, rotated: true });

      const third = await device.status(sampleStatus([{ volumeId, keyProtectorId: newProtector }]));
      expect((third.body as { rotate: string[] }).rotate).to.deep.equal([]);

      const keys = (await server.escrowedKeys()).filter((k) => k.volumeId === volumeId);
      expect(keys.map((k) => [k.keyProtectorId, k.disclosed, k.rotated])).to.deep.equal([
        [oldProtector, true, true],
        [newProtector, false, false],
      ]);
      expect(keys[0]!.recoveryPassword).to.equal(oldPassword);
    });

    it('answers 201 to a first escrow, 200 to an identical repeat, and 409 to another password for the same protector', async () => {
      const device = await new TestDevice(server.url).init();
      await device.enroll(await server.createEnrollmentToken());
      const request = {
        volumeId: randomGuid(),
        driveType: 'FixedData' as const,
        keyProtectorId: randomGuid(),
        recoveryPassword: randomRecoveryPassword(),
      };
      expect((await device.escrow(request)).status).to.equal(201);
      const repeat = await device.escrow(request);
      expect(repeat.status).to.equal(200);
      expect((repeat.body as { created: boolean }).created).to.equal(false);
      const conflict = await device.escrow({ ...request, recoveryPassword: randomRecoveryPassword() });
      expect(conflict.status).to.equal(409);
      expect((conflict.body as { error: { code: string } }).error.code).to.equal('conflict');
      const stored = (await server.escrowedKeys()).filter((k) => k.keyProtectorId === request.keyProtectorId);
      expect(stored.map((k) => k.recoveryPassword)).to.deep.equal([request.recoveryPassword]);
    });

    it('refuses a known computer with an ordinary token, and re-enrolls it with a re-enrollment token', async () => {
      const token = await server.createEnrollmentToken();
      const first = await new TestDevice(server.url, 'PC-REIMAGED').init();
      await first.enroll(token);
      const volumeId = randomGuid();
      const keyProtectorId = randomGuid();
      await first.escrow({
        volumeId,
        driveType: 'OperatingSystem',
        keyProtectorId,
        recoveryPassword: randomRecoveryPassword(),
      });
      await server.discloseKey(keyProtectorId);

      // Anyone holding the fleet token could otherwise claim this computer's record (and its users).
      const intruder = await new TestDevice(server.url, 'pc-reimaged').init();
      const refused = await intruder.enroll(token);
      expect(refused.status).to.equal(409);
      expect((refused.body as { error: { message: string } }).error.message).to.include(
        '--allow-reenrollment',
      );

      const second = await new TestDevice(server.url, 'pc-reimaged').init();
      expect(
        (await second.enroll(await server.createEnrollmentToken({ allowReenrollment: true }))).status,
      ).to.equal(201);
      expect(second.deviceId).to.not.equal(first.deviceId);
      const answer = await second.status(sampleStatus([{ volumeId, keyProtectorId }]));
      expect((answer.body as { rotate: string[] }).rotate).to.deep.equal([keyProtectorId]);
      // the earlier device of the computer is revoked
      const old = await first.status(sampleStatus([{ volumeId, keyProtectorId }]));
      expect(old.status).to.equal(403);
    });
  });
}
