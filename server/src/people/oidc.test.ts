// OpenID Connect sign-in against a real provider (oidc-provider) on loopback: code flow with PKCE,
// groups → roles through the configured mapping and a mapping added in the portal, login CSRF refused.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import Provider from 'oidc-provider';
import { type TestServer, removeDataDir, startTestServer, testServerConfig } from '../test-support/server';
import { addRoleMapping } from './role-mappings';

const GROUPS: Record<string, string[]> = {
  alice: ['MBAM Helpdesk Users', 'Everyone'],
  carol: ['MBAM Auditors'],
  dave: ['Everyone'],
};

/** A browser's cookie jar in miniature: cookies by name for one host (ports share cookies, as in browsers). */
class Browser {
  readonly jar = new Map<string, string>();

  async go(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ url: string; status: number; text: string }> {
    let current = url;
    let method = init.method ?? 'GET';
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hops = 0; hops < 20; hops++) {
      const headers: Record<string, string> = { accept: 'text/html' };
      if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
      const response = await fetch(current, { method, headers, body, redirect: 'manual' });
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(';');
        const [name, ...value] = pair!.split('=');
        if (attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value.join('=') === '')
          this.jar.delete(name!.trim());
        else this.jar.set(name!.trim(), value.join('='));
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).href;
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url: current, status: response.status, text: await response.text() };
    }
    throw new Error('too many redirects');
  }

  /** Submits the first form of a provider page. */
  async submit(page: { url: string; text: string }, fields: Record<string, string>) {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.text)![1]!;
    const hidden = Object.fromEntries(
      [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    );
    return this.go(new URL(action, page.url).href, { method: 'POST', form: { ...hidden, ...fields } });
  }
}

describe('OpenID Connect sign-in with a real provider', function () {
  this.timeout(120_000);
  let providerServer: Server;
  let server: TestServer;

  before(async () => {
    providerServer = createServer();
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    const config = await testServerConfig('sqlite');
    server = await startTestServer({
      config: {
        ...config,
        oidc: {
          issuer,
          clientId: 'openmbam',
          clientSecret: 'test-client-secret',
          scopes: 'openid profile groups',
          roleClaim: 'groups',
          roleMapping: { Helpdesk: ['MBAM Helpdesk Users'] },
          userNameClaim: 'preferred_username',
          buttonLabel: 'Sign in with Contoso ID',
          allowInsecureIssuer: true,
        },
      },
    });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'openmbam',
          client_secret: 'test-client-secret',
          redirect_uris: [`${server.url}/signin/oidc/callback`],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
      scopes: ['openid', 'profile', 'groups'],
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      findAccount: async (_ctx, sub) => ({
        accountId: sub,
        claims: async () => ({
          sub,
          preferred_username: `${sub}@contoso.com`,
          name: sub.toUpperCase(),
          groups: GROUPS[sub] ?? [],
        }),
      }),
    });
    providerServer.on('request', provider.callback());
  });

  after(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
    providerServer?.closeAllConnections();
    await new Promise((resolve) => providerServer?.close(resolve));
  });

  async function signIn(account: string, next = '/account') {
    const browser = new Browser();
    const signInPage = await browser.go(`${server.url}/signin?next=${encodeURIComponent(next)}`);
    expect(signInPage.text).to.contain('Sign in with Contoso ID');
    const login = await browser.go(`${server.url}/signin/oidc?next=${encodeURIComponent(next)}`);
    expect(login.url).to.match(/\/interaction\//);
    const consent = await browser.submit(login, { login: account, password: 'any' });
    const landed = consent.url.startsWith(server.url) ? consent : await browser.submit(consent, {});
    return { browser, landed };
  }

  it('signs in with code + PKCE and maps the groups claim to roles', async () => {
    const { landed } = await signIn('alice');
    expect(landed.url).to.equal(`${server.url}/account`);
    expect(landed.status).to.equal(200);
    expect(landed.text).to.contain('alice@contoso.com');
    expect(landed.text).to.match(/<dt>Roles<\/dt><dd>Helpdesk<\/dd>/);
    const session = await server
      .running()
      .services.dbs.recovery.selectFrom('sessions')
      .selectAll()
      .where('user_name', '=', 'alice@contoso.com')
      .executeTakeFirstOrThrow();
    expect(session.source).to.equal('oidc');
    expect(session.principal_id).to.match(/^oidc:http:\/\/127\.0\.0\.1:\d+#alice$/);
    expect(session.idle_timeout_seconds).to.equal(900);
  });

  it('uses mappings added by an administrator; people without a mapped group get Self-Service only', async () => {
    await addRoleMapping(
      server.running().services.dbs.recovery,
      { claimValue: 'MBAM Auditors', role: 'Report Users' },
      'test',
    );
    const carol = await signIn('carol');
    expect(carol.landed.text).to.match(/<dt>Roles<\/dt><dd>Report Users<\/dd>/);
    const dave = await signIn('dave');
    expect(dave.landed.text).to.contain('none (Self-Service Portal only)');
    // and the help desk refuses dave
    const refused = await dave.browser.go(`${server.url}/admin`);
    expect(refused.status).to.equal(403);
  });

  it('refuses a callback this browser did not start (login CSRF) and a replayed one', async () => {
    const attacker = new Browser();
    const login = await attacker.go(`${server.url}/signin/oidc`);
    // stop before our server sees the callback: take the provider's redirect by hand
    const consent = await attacker.submit(login, { login: 'alice', password: 'any' });
    expect(consent.status).to.be.oneOf([200, 403]);
    const state = [...attacker.jar.entries()].find(([k]) => k === 'openmbam-oidc');
    expect(state, 'the attacker browser got a state cookie').not.to.equal(undefined);
    const victim = new Browser();
    const forged = await victim.go(`${server.url}/signin/oidc/callback?code=stolen&state=${state![1]}`);
    expect(forged.status).to.equal(401);
    expect(forged.text).to.contain('not started in this browser');
  });
});
