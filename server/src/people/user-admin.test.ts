// The server always keeps an enabled System Administrator, even when administrators demote or disable
// each other at the same moment (each change locks the administrators' rows), on every dialect.
import { expect } from 'chai';
import { TEST_DIALECTS } from '../test-support/dialects';
import { type TestServer, removeDataDir, startTestServer } from '../test-support/server';
import { addLocalUser, listLocalUsers } from './local-users';
import { setLocalUserDisabled, setLocalUserRoles } from './user-admin';

for (const dialect of TEST_DIALECTS) {
  describe(`the last System Administrator (${dialect})`, function () {
    let server: TestServer;
    const db = () => server.running().services.dbs.recovery;
    const enabledAdministrators = async () =>
      (await listLocalUsers(db())).filter((u) => !u.disabled && u.roles.includes('System Administrators'));

    before(async () => {
      server = await startTestServer({ dialect });
    });
    after(async () => {
      await server?.stop();
      if (server) removeDataDir(server.dataDir);
    });

    it('survives every administrator demoting or disabling another at once', async () => {
      for (const userName of ['second-admin', 'third-admin']) {
        await addLocalUser(db(), { userName, roles: ['System Administrators', 'Helpdesk'] });
      }
      const admins = await enabledAdministrators();
      expect(admins).to.have.length(3); // with the first administrator the server created
      const outcomes = await Promise.allSettled([
        setLocalUserRoles(db(), admins[0]!.id, ['Helpdesk']),
        setLocalUserDisabled(db(), admins[1]!.id, true),
        setLocalUserRoles(db(), admins[2]!.id, []),
      ]);
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(refused).to.have.length(1);
      expect(String((refused[0] as PromiseRejectedResult).reason)).to.match(
        /last enabled local System Administrator/,
      );
      expect(await enabledAdministrators()).to.have.length(1);
    });

    it('makes a demotion wait for another still open, then refuses it', async () => {
      const extra = await addLocalUser(db(), { userName: 'fourth-admin', roles: ['System Administrators'] });
      const [first, second] = await enabledAdministrators();
      expect([first, second].map((u) => u?.id)).to.include(extra.user.id);
      let other: Promise<unknown> | undefined;
      await db()
        .transaction()
        .execute(async (trx) => {
          await setLocalUserRoles(trx, first!.id, ['Helpdesk']);
          // the other demotion runs on its own connection while this one is not yet committed
          other = setLocalUserRoles(db(), second!.id, ['Helpdesk']).then(
            () => 'demoted',
            (e: unknown) => (e as { code: string }).code,
          );
          await new Promise((resolve) => setTimeout(resolve, 300));
        });
      expect(await other).to.equal('conflict');
      expect((await enabledAdministrators()).map((u) => u.id)).to.deep.equal([second!.id]);
    });

    it('refuses, alone, to remove the last one, and changes nothing', async () => {
      const [last] = await enabledAdministrators();
      const before = await listLocalUsers(db());
      for (const change of [
        () => setLocalUserRoles(db(), last!.id, ['Helpdesk']),
        () => setLocalUserDisabled(db(), last!.id, true),
      ]) {
        const error = await change().then(
          () => expect.fail('should be refused'),
          (e: unknown) => e as { code: string },
        );
        expect(error.code).to.equal('conflict');
      }
      expect(await listLocalUsers(db())).to.deep.equal(before);
    });
  });
}
