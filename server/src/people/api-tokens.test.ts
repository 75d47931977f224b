// Personal API tokens: created on the command line and in the portal, used as Bearer tokens with the
// owner's current roles, refused when revoked, expired or the owner is disabled; admin JSON audited.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { type TestServer, removeDataDir, startTestServer } from '../test-support/server';
import { createApiToken } from './api-tokens';
import { resetLocalUserPassword } from './user-admin';
import { WebClient, createTestUser, mainOf } from './testing';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'openmbam.mjs');
const run = promisify(execFile);

describe('personal API tokens (Authorization: Bearer)', function () {
  this.timeout(120_000);
  let server: TestServer;
  const db = () => server.running().services.dbs.recovery;
  const api = (token: string | null, method: string, path: string, body?: unknown) =>
    fetch(server.url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('`openmbam user token create --user … --json` prints a token that carries the owner’s roles', async () => {
    await createTestUser(db(), 'automation', ['System Administrators']);
    const { stdout } = await run(
      process.execPath,
      [
        BIN,
        'user',
        'token',
        'create',
        '--user',
        'automation',
        '--label',
        'nightly',
        '--json',
        '--data-dir',
        server.dataDir,
      ],
      { env: { ...process.env, OPENMBAM_LOG_LEVEL: 'silent' } },
    );
    const created = JSON.parse(stdout) as { token: string; apiToken: { id: string; label: string } };
    expect(created.token).to.match(/^mbamapi_[A-Za-z0-9_-]{43}$/);
    expect(created.apiToken.label).to.equal('nightly');
    const me = await api(created.token, 'GET', '/api/v1/me');
    expect(me.status).to.equal(200);
    expect(await me.json()).to.deep.include({
      userName: 'automation',
      roles: ['System Administrators'],
      source: 'api-token',
    });

    // an administration action over JSON, no CSRF needed (a Bearer token is not an ambient credential)
    const made = await api(created.token, 'POST', '/api/v1/admin/enrollment-tokens', {
      uses: 5,
      expiresInDays: 7,
      label: 'api',
    });
    expect(made.status).to.equal(201);
    const body = (await made.json()) as { token: string; enrollmentToken: { id: string } };
    expect(body.token).to.match(/^mbamenroll_/);
    const audit = await server
      .running()
      .services.dbs.compliance.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'admin.enrollment-token.create')
      .execute();
    expect(audit.map((a) => [a.actor, a.source])).to.deep.equal([['automation', 'api']]);
    // the stored token is only a hash
    const rows = await db().selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.to.contain(created.token);
  });

  it('refuses a missing, unknown, revoked or expired token and a disabled owner with 401', async () => {
    const owner = await createTestUser(db(), 'tokenowner', ['Report Users']);
    const principal = {
      id: owner.id,
      userName: 'tokenowner',
      displayName: 'tokenowner',
      roles: ['Report Users' as const],
      source: 'local' as const,
    };
    const { token, apiToken } = await createApiToken(db(), principal, { label: 'a' });
    expect((await api(token, 'GET', '/api/v1/me')).status).to.equal(200);
    // wrong role: 403, JSON
    const forbidden = await api(token, 'GET', '/api/v1/admin/users');
    expect(forbidden.status).to.equal(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).to.equal('forbidden');
    expect((await api(null, 'GET', '/api/v1/me')).status).to.equal(401);
    expect((await api('mbamapi_' + 'x'.repeat(43), 'GET', '/api/v1/me')).status).to.equal(401);

    const expired = await createApiToken(
      db(),
      principal,
      { label: 'b', expiresInDays: 1 },
      new Date(Date.now() - 2 * 86_400_000),
    );
    expect((await api(expired.token, 'GET', '/api/v1/me')).status).to.equal(401);

    await db()
      .updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', apiToken.id)
      .execute();
    expect((await api(token, 'GET', '/api/v1/me')).status).to.equal(401);

    const second = await createApiToken(db(), principal, { label: 'c' });
    await db()
      .updateTable('local_users')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', owner.id)
      .execute();
    const refused = await api(second.token, 'GET', '/api/v1/me');
    expect(refused.status).to.equal(401);
    expect(await refused.text()).not.to.contain(second.token);
  });

  it('cannot mint another API token, and dies with a password reset', async () => {
    const owner = await createTestUser(db(), 'minter', ['Helpdesk']);
    const principal = {
      id: owner.id,
      userName: 'minter',
      displayName: 'minter',
      roles: ['Helpdesk' as const],
      source: 'local' as const,
    };
    const { token } = await createApiToken(db(), principal, { label: 'short-lived', expiresInDays: 1 });
    const minted = await api(token, 'POST', '/api/v1/account/tokens', { label: 'forever' });
    expect(minted.status).to.equal(403);
    expect(((await minted.json()) as { error: { message: string } }).error.message).to.match(
      /not with another API token/,
    );
    expect(
      (await db().selectFrom('api_tokens').select('id').where('owner_id', '=', owner.id).execute()).length,
    ).to.equal(1);

    await resetLocalUserPassword(db(), owner.id);
    expect((await api(token, 'GET', '/api/v1/me')).status).to.equal(401);
  });

  it('limits the tokens of OpenID Connect users to 30 days, since they keep the roles of one sign-in', async () => {
    const principal = {
      id: 'oidc:https://idp.example#alice',
      userName: 'alice@contoso.com',
      displayName: 'Alice',
      roles: ['Helpdesk' as const],
      source: 'oidc' as const,
    };
    for (const expiresInDays of [null, 31]) {
      try {
        await createApiToken(db(), principal, { label: 'x', expiresInDays });
        expect.fail('created');
      } catch (error) {
        expect((error as Error).message).to.match(/expire within 30 days/);
      }
    }
    const { apiToken } = await createApiToken(db(), principal, { label: 'x', expiresInDays: 30 });
    expect(apiToken.expiresAt).to.be.a('string');
  });

  it('applies an admin PATCH of roles and disabled together or not at all', async () => {
    const admin = await createTestUser(db(), 'soleadmin-api', ['System Administrators']);
    const { token } = await createApiToken(
      db(),
      {
        id: admin.id,
        userName: 'soleadmin-api',
        displayName: 'a',
        roles: ['System Administrators'],
        source: 'local',
      },
      { label: 'admin' },
    );
    // Disable every other administrator so this one is the last.
    await db()
      .updateTable('local_users')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '!=', admin.id)
      .execute();
    const answer = await api(token, 'PATCH', `/api/v1/admin/users/${admin.id}`, {
      roles: ['System Administrators', 'Helpdesk'],
      disabled: true,
    });
    expect(answer.status).to.equal(409);
    const row = await db()
      .selectFrom('local_users')
      .select(['roles', 'disabled_at'])
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    expect(row).to.deep.equal({ roles: 'System Administrators', disabled_at: null });
  });

  it('is created in the portal, shown once, and revoked there', async () => {
    await createTestUser(db(), 'portaluser', ['Helpdesk']);
    const web = new WebClient(server.url);
    await web.signIn('portaluser');
    await web.get('/account');
    const created = await web.post('/account/tokens', { label: 'my script', expiresInDays: '30' });
    expect(created.status).to.equal(200);
    const token = /(mbamapi_[A-Za-z0-9_-]{43})/.exec(created.text)![1]!;
    expect((await api(token, 'GET', '/api/v1/me')).status).to.equal(200);
    const page = await web.get('/account');
    expect(page.text).not.to.contain(token);
    const id = /\/account\/tokens\/([0-9a-f-]{36})\/revoke/.exec(page.text)![1]!;
    expect((await web.post(`/account/tokens/${id}/revoke`)).status).to.equal(303);
    expect((await api(token, 'GET', '/api/v1/me')).status).to.equal(401);
    const bad = await web.post('/account/tokens', { label: '', expiresInDays: 'soon' });
    expect(bad.status).to.equal(400);
    expect(mainOf(bad.text)).to.contain('There is a problem');
  });
});
