// Local sign-in end to end over real HTTP: forced password change, CSRF refusal, idle timeout (the
// clock is moved by ageing the session, never by sleeping), sign-out, security headers and cookies.
import { expect } from 'chai';
import { type TestServer, removeDataDir, startTestServer, testServerConfig } from '../test-support/server';
import { addLocalUser } from './local-users';
import { WebClient, createTestUser, mainOf } from './testing';

describe('local sign-in, sessions and CSRF', function () {
  this.timeout(120_000);
  let server: TestServer;
  const db = () => server.running().services.dbs.recovery;

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('makes a one-time password be changed before anything else, then signs in with the new one', async () => {
    const { oneTimePassword } = await addLocalUser(db(), { userName: 'newhire', roles: ['Helpdesk'] });
    const web = new WebClient(server.url);
    await web.get('/signin');
    const signIn = await web.post('/signin', { userName: 'newhire', password: oneTimePassword });
    expect(signIn.status).to.equal(303);
    expect(signIn.location).to.equal('/account/password');
    // every other page sends them back to the password change
    const elsewhere = await web.get('/account');
    expect(elsewhere.location).to.equal('/account/password');
    const form = await web.get('/account/password');
    expect(mainOf(form.text)).to.contain('one-time password');
    const tooShort = await web.post('/account/password', {
      currentPassword: oneTimePassword,
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(tooShort.status).to.equal(400);
    expect(mainOf(tooShort.text)).to.contain('too short');
    expect(tooShort.text).not.to.contain(oneTimePassword);
    const changed = await web.post('/account/password', {
      currentPassword: oneTimePassword,
      newPassword: 'a long and new passphrase',
      confirmPassword: 'a long and new passphrase',
    });
    expect(changed.status).to.equal(303);
    expect((await web.get('/account')).status).to.equal(200);

    const again = new WebClient(server.url);
    await again.get('/signin');
    expect((await again.post('/signin', { userName: 'newhire', password: oneTimePassword })).status).to.equal(
      401,
    );
    expect(
      (await again.post('/signin', { userName: 'NEWHIRE', password: 'a long and new passphrase' })).status,
    ).to.equal(303);
  });

  it('answers a wrong password, an unknown user and a disabled account the same way', async () => {
    await createTestUser(db(), 'gone', []);
    await db()
      .updateTable('local_users')
      .set({ disabled_at: new Date().toISOString() })
      .where('user_key', '=', 'GONE')
      .execute();
    const web = new WebClient(server.url);
    await web.get('/signin');
    const answers = await Promise.all(
      [
        { userName: 'gone', password: 'correct horse battery staple' },
        { userName: 'nobody', password: 'x' },
        { userName: 'newhire', password: 'wrong' },
      ].map((f) => web.post('/signin', f)),
    );
    for (const a of answers) {
      expect(a.status).to.equal(401);
      expect(mainOf(a.text)).to.contain('The user name or password is wrong, or the account is disabled.');
    }
    expect(mainOf(answers[0]!.text)).to.contain('value="gone"');
  });

  it('refuses form posts without the CSRF token, or with another session’s, with a clear 403 page', async () => {
    await createTestUser(db(), 'csrfadmin', ['System Administrators']);
    const web = new WebClient(server.url);
    await web.signIn('csrfadmin');
    const before = (await db().selectFrom('enrollment_tokens').select('id').execute()).length;
    const missing = await web.post(
      '/admin/enrollment-tokens',
      { uses: '1', expiresInDays: '1' },
      { csrf: false },
    );
    expect(missing.status).to.equal(403);
    expect(missing.headers.get('content-type')).to.contain('text/html');
    expect(mainOf(missing.text)).to.contain('security token is missing or wrong');
    const other = new WebClient(server.url);
    await other.get('/signin');
    web.csrfToken = other.csrfToken; // a token that is valid, but not for this session
    expect((await web.post('/admin/enrollment-tokens', { uses: '1', expiresInDays: '1' })).status).to.equal(
      403,
    );
    // sign-in itself is protected too (login CSRF)
    const anonymous = new WebClient(server.url);
    expect(
      (await anonymous.post('/signin', { userName: 'csrfadmin', password: 'x' }, { csrf: false })).status,
    ).to.equal(403);
    expect((await db().selectFrom('enrollment_tokens').select('id').execute()).length).to.equal(before);
  });

  it('signs out after the idle timeout (5 minutes without a role, 15 with one) and says why', async () => {
    await createTestUser(db(), 'selfie', []);
    const web = new WebClient(server.url);
    await web.signIn('selfie');
    expect((await web.get('/account')).status).to.equal(200);
    const session = await db()
      .selectFrom('sessions')
      .selectAll()
      .where('user_name', '=', 'selfie')
      .executeTakeFirstOrThrow();
    expect(session.idle_timeout_seconds).to.equal(300);
    expect(mainOf((await web.get('/account')).text)).to.contain('selfie');
    // 4 minutes idle: still signed in
    const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
    await db()
      .updateTable('sessions')
      .set({ last_seen_at: ago(240) })
      .where('id', '=', session.id)
      .execute();
    expect((await web.get('/account')).status).to.equal(200);
    // 5 minutes idle: signed out, sent to sign in, told why, and the session row is gone
    await db()
      .updateTable('sessions')
      .set({ last_seen_at: ago(301) })
      .where('id', '=', session.id)
      .execute();
    const expired = await web.get('/account');
    expect(expired.status).to.equal(303);
    expect(expired.location).to.equal('/signin?next=%2Faccount&reason=idle');
    expect(mainOf((await web.get(expired.location!)).text)).to.contain(
      'signed out because the page was left unused',
    );
    expect(
      await db().selectFrom('sessions').select('id').where('id', '=', session.id).executeTakeFirst(),
    ).to.equal(undefined);
  });

  it('keeps the session alive through the keep-alive call of the warning', async () => {
    await createTestUser(db(), 'stayer', []);
    const web = new WebClient(server.url);
    await web.signIn('stayer');
    const row = () =>
      db().selectFrom('sessions').selectAll().where('user_name', '=', 'stayer').executeTakeFirstOrThrow();
    const id = (await row()).id;
    await db()
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 250_000).toISOString() })
      .where('id', '=', id)
      .execute();
    expect((await web.request('POST', '/session/keepalive', { csrf: false })).status).to.equal(403);
    expect((await web.request('POST', '/session/keepalive')).status).to.equal(204);
    expect(Date.now() - Date.parse((await row()).last_seen_at)).to.be.lessThan(10_000);
  });

  it('signs out: the session is deleted and the cookie cleared', async () => {
    await createTestUser(db(), 'leaver', ['Report Users']);
    const web = new WebClient(server.url);
    await web.signIn('leaver');
    const out = await web.post('/signout');
    expect(out.location).to.equal('/signin?reason=signed-out');
    expect((await web.get('/account')).status).to.equal(303);
    expect(
      await db().selectFrom('sessions').select('id').where('user_name', '=', 'leaver').executeTakeFirst(),
    ).to.equal(undefined);
  });

  it('sets HttpOnly SameSite cookies, a CSP without inline scripts and no HSTS on plain HTTP', async () => {
    const response = await fetch(`${server.url}/signin`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).to.contain("script-src 'self'");
    expect(csp).to.contain("frame-ancestors 'none'");
    expect(csp).not.to.contain('unsafe-inline');
    expect(response.headers.get('strict-transport-security')).to.equal(null);
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).to.match(/^openmbam-csrf=/);
    expect(cookie).to.contain('HttpOnly');
    expect(cookie).to.contain('SameSite=Lax');
    const html = await response.text();
    expect(html).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.to.contain(' style=');
  });

  it('never sends a visitor elsewhere after sign-in (no open redirect)', async () => {
    await createTestUser(db(), 'redirected', []);
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const web = new WebClient(server.url);
      await web.get('/signin');
      const answer = await web.post('/signin', {
        userName: 'redirected',
        password: 'correct horse battery staple',
        next,
      });
      expect(answer.location).to.equal('/');
    }
  });
});

describe('local sign-in attempts are limited', function () {
  this.timeout(120_000);
  let server: TestServer;

  before(async () => {
    const config = await testServerConfig('sqlite');
    server = await startTestServer({
      config: { ...config, rateLimits: { signin: { perUser: 3, perAddress: 5, windowSeconds: 900 } } },
    });
  });
  after(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('refuses a user name past its limit with 429 and Retry-After, even with the right password', async () => {
    const db = server.running().services.dbs.recovery;
    const victim = await createTestUser(db, 'victim', ['Helpdesk']);
    const web = new WebClient(server.url);
    await web.get('/signin');
    for (const guess of ['guess one', 'guess two', 'guess three']) {
      expect((await web.post('/signin', { userName: 'victim', password: guess })).status).to.equal(401);
    }
    const limited = await web.post('/signin', { userName: 'VICTIM', password: victim.password });
    expect(limited.status).to.equal(429);
    expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 900);
    expect(mainOf(limited.text)).to.match(
      /Too many sign-in attempts for this user name: at most 3 in 15 minutes\. Try again in \d+ minutes\./,
    );
    expect(limited.text).not.to.contain(victim.password);
    expect(server.logs()).to.contain('local sign-in rate-limited');
    expect(server.logs()).not.to.contain(victim.password);
    // no session was started
    expect((await web.get('/account')).location).to.match(/^\/signin/);
  });

  it('refuses an address past its limit, whatever the user name', async () => {
    const db = server.running().services.dbs.recovery;
    const other = await createTestUser(db, 'other', ['Helpdesk']);
    const web = new WebClient(server.url);
    await web.get('/signin');
    // 3 attempts from this address counted above (the refused one does not count): 2 more are allowed
    expect((await web.post('/signin', { userName: 'other', password: other.password })).status).to.equal(303);
    const stranger = new WebClient(server.url);
    await stranger.get('/signin');
    expect(
      (await stranger.post('/signin', { userName: 'someone-new', password: 'a guess' })).status,
    ).to.equal(401);
    const limited = await stranger.post('/signin', { userName: 'someone-else', password: 'a guess' });
    expect(limited.status).to.equal(429);
    expect(mainOf(limited.text)).to.contain('Too many sign-in attempts from your network address');
  });
});
