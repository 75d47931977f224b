// What a status report leaves in the Compliance and Audit Database, on every dialect: a report that
// repeats the machine's state only moves its last contact (and its users' last seen); one that
// changes it rewrites the volumes and users and adds a row to the status history.
import { expect } from 'chai';
import { TEST_DIALECTS } from '../test-support/dialects';
import { type TestServer, startTestServer } from '../test-support/server';
import { TestDevice, randomGuid, sampleStatus } from '../test-support/test-device';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of TEST_DIALECTS) {
  describe(`status reports: current compliance and history (${dialect})`, function () {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ dialect });
    });
    after(async () => server.stop());

    async function stored(machineId: string) {
      const db = server.running().services.dbs.compliance;
      return {
        machine: await db
          .selectFrom('machine_compliance')
          .selectAll()
          .where('machine_id', '=', machineId)
          .executeTakeFirstOrThrow(),
        volumes: await db
          .selectFrom('volume_compliance')
          .selectAll()
          .where('machine_id', '=', machineId)
          .orderBy('volume_guid')
          .execute(),
        users: await db
          .selectFrom('machine_users')
          .selectAll()
          .where('machine_id', '=', machineId)
          .orderBy('user_key')
          .execute(),
        history: await db
          .selectFrom('status_reports')
          .select(['received_at', 'report_json'])
          .where('machine_id', '=', machineId)
          .orderBy('received_at')
          .execute(),
      };
    }

    async function machineIdOf(device: TestDevice): Promise<string> {
      const row = await server
        .running()
        .services.dbs.recovery.selectFrom('devices')
        .select('machine_id')
        .where('id', '=', device.deviceId!)
        .executeTakeFirstOrThrow();
      return row.machine_id;
    }

    it('keeps one history row per change of state, and moves last contact on every report', async () => {
      const device = await new TestDevice(server.url).init();
      expect((await device.enroll(await server.createEnrollmentToken())).status).to.equal(201);
      const machineId = await machineIdOf(device);
      const osVolume = { volumeId: randomGuid(), keyProtectorId: randomGuid() };
      const dataVolume = { volumeId: randomGuid(), keyProtectorId: randomGuid() };

      expect((await device.status(sampleStatus([osVolume, dataVolume]))).status).to.equal(200);
      const first = await stored(machineId);
      expect(first.history).to.have.length(1);
      expect(first.volumes).to.have.length(2);
      expect(first.users.map((u) => u.user_key)).to.deep.equal(['CONTOSO\\ALICE']);
      expect(first.machine.state_hash).to.match(/^[0-9a-f]{64}$/);

      // The same state again (sampleStatus even draws new TPM protector ids: only types are kept).
      await pause(5);
      expect((await device.status(sampleStatus([osVolume, dataVolume]))).status).to.equal(200);
      const repeated = await stored(machineId);
      expect(repeated.history, 'no history row for a heartbeat').to.have.length(1);
      expect(repeated.machine.last_contact_at > first.machine.last_contact_at).to.equal(true);
      expect(repeated.machine.state_hash).to.equal(first.machine.state_hash);
      expect(repeated.volumes, 'volumes untouched').to.deep.equal(first.volumes);
      expect(repeated.users[0]!.last_seen_at > first.users[0]!.last_seen_at).to.equal(true);
      expect(repeated.users[0]!.first_seen_at).to.equal(first.users[0]!.first_seen_at);

      // The same volumes listed in the other order are the same state.
      const reordered = sampleStatus([osVolume, dataVolume]);
      reordered.volumes.reverse();
      expect((await device.status(reordered)).status).to.equal(200);
      expect((await stored(machineId)).history).to.have.length(1);

      // Encryption of the data volume goes back to 40 % and bob logs on: a change.
      await pause(5);
      const changed = sampleStatus([osVolume, dataVolume], ['CONTOSO\\alice', 'contoso\\Bob']);
      changed.volumes[1] = {
        ...changed.volumes[1]!,
        conversionStatus: 'EncryptionInProgress',
        encryptionPercentage: 40,
        compliant: false,
        reasonsForNoncompliance: [4],
      };
      expect((await device.status(changed)).status).to.equal(200);
      const after = await stored(machineId);
      expect(after.history).to.have.length(2);
      expect(JSON.parse(after.history[1]!.report_json)).to.deep.equal(changed);
      expect(after.machine.state_hash).to.not.equal(first.machine.state_hash);
      expect(after.machine.compliant).to.equal(0);
      expect(after.machine.noncompliant_volumes).to.equal(1);
      const data = after.volumes.find((v) => v.volume_guid === dataVolume.volumeId)!;
      expect([data.encryption_percentage, data.compliant, data.reasons]).to.deep.equal([40, 0, '4']);
      expect(after.users.map((u) => u.user_key)).to.deep.equal(['CONTOSO\\ALICE', 'CONTOSO\\BOB']);

      // The data volume is gone: it drops out of current compliance, and that is a change too.
      expect((await device.status(sampleStatus([osVolume]))).status).to.equal(200);
      const last = await stored(machineId);
      expect(last.history).to.have.length(3);
      expect(last.volumes.map((v) => v.volume_guid)).to.deep.equal([osVolume.volumeId]);
      expect(last.machine.compliant).to.equal(1);
    });

    it('writes a machine in full again when its stored state has no hash (rows from before the hash)', async () => {
      const device = await new TestDevice(server.url).init();
      expect((await device.enroll(await server.createEnrollmentToken())).status).to.equal(201);
      const machineId = await machineIdOf(device);
      const volume = { volumeId: randomGuid(), keyProtectorId: randomGuid() };
      expect((await device.status(sampleStatus([volume]))).status).to.equal(200);
      const db = server.running().services.dbs.compliance;
      await db
        .updateTable('machine_compliance')
        .set({ state_hash: null })
        .where('machine_id', '=', machineId)
        .execute();

      expect((await device.status(sampleStatus([volume]))).status).to.equal(200);
      const after = await stored(machineId);
      expect(after.history).to.have.length(2);
      expect(after.machine.state_hash).to.match(/^[0-9a-f]{64}$/);
    });
  });
}
