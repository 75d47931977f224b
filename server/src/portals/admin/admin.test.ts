// Administration pages over real HTTP as a System Administrator: every form validates and
// re-displays with a message, secrets are shown once, and changes take effect.
import { expect } from 'chai';
import { getBranding } from '../branding';
import { WebClient, createTestUser, mainOf } from '../../people/testing';
import { type TestServer, removeDataDir, startTestServer } from '../../test-support/server';
import { TEST_DIALECTS } from '../../test-support/dialects';

for (const dialect of TEST_DIALECTS) {
  describe(`administration portal (${dialect})`, function () {
    this.timeout(120_000);
    let server: TestServer;
    let web: WebClient;
    const db = () => server.running().services.dbs.recovery;

    before(async () => {
      server = await startTestServer({ dialect });
      await createTestUser(db(), 'root', ['System Administrators']);
      web = new WebClient(server.url);
      await web.signIn('root');
    });
    after(async () => {
      await server?.stop();
      if (server) removeDataDir(server.dataDir);
    });

    it('creates an enrollment token shown once, lists and revokes it; bad numbers re-display the form', async () => {
      await web.get('/admin/enrollment-tokens');
      const bad = await web.post('/admin/enrollment-tokens', { label: 'x', uses: '0', expiresInDays: 'ten' });
      expect(bad.status).to.equal(400);
      expect(mainOf(bad.text)).to.contain('Devices it may enroll must be a whole number from 1 to 1000000.');
      expect(mainOf(bad.text)).to.contain('value="x"');
      const made = await web.post('/admin/enrollment-tokens', {
        label: 'Laptops <Q4>',
        uses: '10',
        expiresInDays: '30',
      });
      expect(made.status).to.equal(200);
      const token = /(mbamenroll_[A-Za-z0-9_-]+)/.exec(made.text)![1]!;
      expect(made.text).to.contain('Laptops &lt;Q4>');
      const list = await web.get('/admin/enrollment-tokens');
      expect(list.text).not.to.contain(token);
      const id = /\/admin\/enrollment-tokens\/([0-9a-f-]{36})\/revoke/.exec(list.text)![1]!;
      expect((await web.post(`/admin/enrollment-tokens/${id}/revoke`)).location).to.equal(
        '/admin/enrollment-tokens?done=revoked',
      );
      expect(mainOf((await web.get('/admin/enrollment-tokens?done=revoked')).text)).to.contain('revoked');
    });

    it('adds a local user with a one-time password, changes roles, disables; refuses removing the last administrator', async () => {
      await web.get('/admin/users');
      const bad = await web.post('/admin/users', { userName: 'bad name!', roles: ['Helpdesk'] });
      expect(bad.status).to.equal(400);
      expect(mainOf(bad.text)).to.contain('must be 1–256 letters');
      const forged = await web.post('/admin/users', { userName: 'carol', roles: ['Root'] });
      expect(forged.status).to.equal(400);
      const added = await web.post('/admin/users', {
        userName: 'carol',
        displayName: 'Carol',
        roles: ['Helpdesk'],
      });
      expect(added.status).to.equal(200);
      const otp = /([a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5})/.exec(mainOf(added.text))![1]!;
      const carol = new WebClient(server.url);
      await carol.get('/signin');
      expect((await carol.post('/signin', { userName: 'carol', password: otp })).location).to.equal(
        '/account/password',
      );

      const row = await db()
        .selectFrom('local_users')
        .selectAll()
        .where('user_key', '=', 'CAROL')
        .executeTakeFirstOrThrow();
      await web.get(`/admin/users/${row.id}`);
      const roles = await web.post(`/admin/users/${row.id}/roles`, {
        roles: ['Advanced Helpdesk', 'Report Users'],
      });
      expect(roles.location).to.equal(`/admin/users/${row.id}?done=roles`);
      expect(
        (
          await db()
            .selectFrom('local_users')
            .select('roles')
            .where('id', '=', row.id)
            .executeTakeFirstOrThrow()
        ).roles,
      ).to.equal('Advanced Helpdesk,Report Users');
      // her session ended with the role change
      expect((await carol.get('/account/password')).status).to.equal(303);
      expect((await web.post(`/admin/users/${row.id}/disable`)).status).to.equal(303);

      const me = await db()
        .selectFrom('local_users')
        .select('id')
        .where('user_key', '=', 'ROOT')
        .executeTakeFirstOrThrow();
      const admin = await db()
        .selectFrom('local_users')
        .select('id')
        .where('user_key', '=', 'ADMIN')
        .executeTakeFirstOrThrow();
      await web.post(`/admin/users/${admin.id}/disable`); // the first-start admin
      await web.get(`/admin/users/${me.id}`);
      const last = await web.post(`/admin/users/${me.id}/roles`, { roles: [] });
      expect(last.status).to.equal(400);
      expect(mainOf(last.text)).to.contain('last enabled local System Administrator');
    });

    it('adds and removes role mappings, and saves branding with validation', async () => {
      await web.get('/admin/role-mappings');
      expect((await web.post('/admin/role-mappings', { claimValue: '', role: 'Helpdesk' })).status).to.equal(
        400,
      );
      expect(
        (await web.post('/admin/role-mappings', { claimValue: 'MBAM Helpdesk Users', role: 'Helpdesk' }))
          .status,
      ).to.equal(303);
      const page = await web.get('/admin/role-mappings?done=added');
      expect(mainOf(page.text)).to.contain('MBAM Helpdesk Users');
      const id = /\/admin\/role-mappings\/([0-9a-f-]{36})\/delete/.exec(page.text)![1]!;
      expect((await web.post(`/admin/role-mappings/${id}/delete`)).status).to.equal(303);

      await web.get('/admin/branding');
      const bad = await web.post('/admin/branding', {
        companyName: 'Fabrikam IT',
        helpdeskText: 'Call us',
        helpdeskUrl: 'javascript:alert(1)',
        noticeText: 'Notice',
      });
      expect(bad.status).to.equal(400);
      expect(mainOf(bad.text)).to.contain('Help desk link must be empty or an https://');
      const good = await web.post('/admin/branding', {
        companyName: 'Fabrikam IT',
        helpdeskText: 'Call 555-0100',
        helpdeskUrl: 'tel:555-0100',
        displayNotice: 'on',
        noticeText: 'Be careful.',
      });
      expect(good.status).to.equal(303);
      expect(await getBranding(db())).to.deep.equal({
        companyName: 'Fabrikam IT',
        helpdeskText: 'Call 555-0100',
        helpdeskUrl: 'tel:555-0100',
        displayNotice: true,
        noticeText: 'Be careful.',
      });
      expect((await web.get('/admin')).text).to.contain(
        '<title>Administration · Fabrikam IT BitLocker</title>',
      );
    });

    it('shows the configuration without secrets', async () => {
      const page = await web.get('/admin/configuration');
      expect(page.status).to.equal(200);
      expect(mainOf(page.text)).to.contain('idleTimeoutSeconds');
      if (dialect === 'postgres') {
        const url = new URL(server.config.databases.recovery);
        if (url.password) {
          expect(page.text).to.contain(':***@');
          expect(page.text).not.to.contain(`:${url.password}@`);
        }
      }
    });
  });
}
