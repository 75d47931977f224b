// The authorization matrix: every registered route × every role (and nobody) against ROUTE_ACCESS,
// through the real server. A route missing from the table fails here before it can ship.
import { expect } from 'chai';
import { type TestServer, removeDataDir, startTestServer } from '../test-support/server';
import { ACCESS_HEADER } from './access-plugin';
import { ROUTE_ACCESS, accessFor, allows } from './authorization';
import { ROLES, type Role } from './roles';
import { WebClient, createTestUser } from './testing';

const SAMPLE_PARAMS: Record<string, string> = {
  file: 'app.css',
  keyProtectorId: '{6A1E2F3B-0C4D-4E5F-8A9B-0C1D2E3F4A5B}',
};

const concrete = (url: string): string =>
  url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    encodeURIComponent(SAMPLE_PARAMS[name] ?? '00000000-0000-4000-8000-000000000000'),
  );

describe('authorization matrix: every route × every role', function () {
  this.timeout(180_000);
  let server: TestServer;
  const principals: Array<{ name: string; roles: Role[] | null; client: WebClient | null }> = [];

  before(async () => {
    server = await startTestServer();
    const db = server.running().services.dbs.recovery;
    principals.push({ name: 'anonymous', roles: null, client: null });
    principals.push({ name: 'self-service only', roles: [], client: null });
    for (const role of ROLES) principals.push({ name: role, roles: [role], client: null });
    let i = 0;
    for (const p of principals) {
      if (p.roles === null) continue;
      await createTestUser(db, `matrix${i}`, p.roles);
      p.client = new WebClient(server.url);
      await p.client.signIn(`matrix${i++}`);
    }
  });

  after(async () => {
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('lists every registered route in the authorization table (fail closed otherwise)', () => {
    const missing = server
      .running()
      .app.registeredRoutes.filter((r) => !accessFor(r.method, r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, 'routes missing from ROUTE_ACCESS').to.deep.equal([]);
  });

  it('has no table entry for a route that does not exist', () => {
    const registered = new Set(server.running().app.registeredRoutes.map((r) => `${r.method} ${r.url}`));
    const stale = Object.keys(ROUTE_ACCESS).filter((k) => !registered.has(k));
    expect(stale, 'ROUTE_ACCESS entries without a route').to.deep.equal([]);
  });

  it('allows and refuses exactly as the table says', async () => {
    // sign-out ends the session: walk it last
    const routes = [...server.running().app.registeredRoutes].sort(
      (a, b) => Number(a.url === '/signout') - Number(b.url === '/signout'),
    );
    const mismatches: string[] = [];
    let checked = 0;
    let refusedCount = 0;
    for (const principal of principals) {
      const client = principal.client ?? new WebClient(server.url);
      if (!principal.client) await client.get('/signin'); // an anonymous CSRF cookie, as a browser has
      for (const route of routes) {
        const access = accessFor(route.method, route.url)!;
        const path = concrete(route.url);
        const isApi = path.startsWith('/api/');
        const answer = isApi
          ? await client.request(route.method, path, route.method === 'GET' ? {} : { json: {} })
          : await client.request(route.method, path, route.method === 'GET' ? {} : { form: {} });
        const refused = answer.headers.get(ACCESS_HEADER) === 'denied';
        const expected = !allows(access, principal.roles);
        checked++;
        if (refused) refusedCount++;
        if (refused !== expected) {
          mismatches.push(
            `${principal.name}: ${route.method} ${route.url} answered ${answer.status}, expected ${expected ? 'refused' : 'allowed'}`,
          );
        } else if (refused) {
          const status = answer.status;
          const ok =
            principal.roles === null
              ? isApi
                ? status === 401
                : status === 303 && answer.location!.startsWith('/signin')
              : status === 403;
          if (!ok) mismatches.push(`${principal.name}: ${route.method} ${route.url} refused with ${status}`);
        }
      }
    }
    expect(mismatches).to.deep.equal([]);
    expect(checked).to.be.greaterThan(principals.length * 40);
    expect(refusedCount).to.be.greaterThan(checked / 4);
  });
});
