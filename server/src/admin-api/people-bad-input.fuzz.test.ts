// Generative bad input for every route people use: the administration, Help Desk and Self-Service
// JSON APIs, the portal forms, sign-in and my account. For each route, seeded mutations of one valid
// request (values of the wrong kind or shape, missing, extra and repeated fields, oversized and odd
// text, broken bytes and %-escapes, odd content types, CSRF tokens and path parameters; see
// bad-input-fuzz/), sent as raw HTTP by a principal allowed to call the route. Every answer is below
// 500; a refusal is a 4xx with our error shape (JSON) or an error page or re-displayed form (HTML),
// echoes no secret and changes no row count of either database. Then the valid request itself must
// succeed, so the mutations are near misses and not noise. A failure prints its seed: reproduce it
// with OPENMBAM_FUZZ_SEED=<seed>, and find which request wrote rows with OPENMBAM_FUZZ_ONE_BY_ONE=1.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createEnrollmentToken } from '../enrollment/tokens';
import { createApiToken } from '../people/api-tokens';
import { accessFor } from '../people/authorization';
import { insertLocalUser } from '../people/local-user-repository';
import { hashPassword } from '../people/password';
import { addRoleMapping } from '../people/role-mappings';
import { type Role, rolesToColumn } from '../people/roles';
import { TEST_PASSWORD, WebClient } from '../people/testing';
import { CSRF_FIELD } from '../portals/shell/forms';
import { seedComputer } from '../recovery/test-fixtures';
import { TEST_DIALECTS, rowCounts, tableNames } from '../test-support/dialects';
import { closeConnections, send } from '../test-support/raw-http';
import { type TestServer, removeDataDir, startTestServer, testServerConfig } from '../test-support/server';
import { TestDevice, randomGuid } from '../test-support/test-device';
import { type Answer, expectTellingRefusal } from './bad-input-fuzz/answers';
import { WRITTEN_BY } from './bad-input-fuzz/inputs';
import type { Mutation } from './bad-input-fuzz/mutation';
import { mutationsOf } from './bad-input-fuzz/mutations';
import {
  type CallerName,
  type Fixtures,
  NOT_COVERED,
  type PeopleRoute,
  routesOf,
} from './bad-input-fuzz/people-routes';
import { type Caller, RequestBuilder, type Route, encodeForm } from './bad-input-fuzz/requests';

const SEED = Number(process.env.OPENMBAM_FUZZ_SEED ?? 20261130);
/**
 * Mutations per route on SQLite, by what the route takes (every kind of mutation at least once);
 * PostgreSQL gets fewer of each, its fixed bad-input tests exist too. The counts keep this file near
 * 20 seconds; OPENMBAM_FUZZ_SCALE=10 makes a longer run.
 */
const COUNTS = { json: 80, form: 50, params: 16, get: 8 };
const SCALE = Number(process.env.OPENMBAM_FUZZ_SCALE ?? 1);
const DIALECT_SCALE: Record<string, number> = { sqlite: 1, postgres: 0.1 };

const explain = (route: Route, index: number, m: Mutation, a: Answer): string => {
  const sent = m.sent.body ? m.sent.body.subarray(0, 200).toString('latin1') : '';
  const type = m.sent.headers['content-type'] ?? 'no content type';
  return `seed ${SEED}, ${route.method} ${route.url} mutation #${index} (${m.what}): ${m.sent.method} ${m.sent.path.slice(0, 150)} [${type}] ${sent} → ${a.status} ${a.text.slice(0, 400)}`;
};

// --- the test -----------------------------------------------------------------------------------

for (const dialect of TEST_DIALECTS) {
  describe(`people-facing routes: generated bad input is refused clearly and writes nothing (${dialect}, seed ${SEED})`, function () {
    this.timeout(120_000);
    let server: TestServer;
    let fixtures: Fixtures;
    let routes: PeopleRoute[];
    let tables: { recovery: string[]; compliance: string[] };
    const callers = {} as Record<CallerName, Caller>;
    const secrets: string[] = [];

    before(async () => {
      const config = await testServerConfig(dialect);
      const unlimited = { perUser: 100_000, perAddress: 1_000_000, windowSeconds: 60 };
      server = await startTestServer({
        config: {
          ...config,
          logLevel: 'warn',
          rateLimits: { helpdesk: unlimited, selfservice: unlimited, signin: unlimited },
        },
      });
      const { dbs } = server.running().services;
      const db = dbs.recovery;
      // one password hash for everyone (scrypt is slow on purpose)
      const hash = await hashPassword(TEST_PASSWORD);
      const user = async (userName: string, roles: Role[]) => {
        const id = randomUUID();
        await insertLocalUser(db, {
          id,
          user_name: userName,
          user_key: userName.toUpperCase(),
          display_name: userName,
          password_hash: hash,
          roles: rolesToColumn(roles),
          must_change_password: 0,
          created_at: new Date().toISOString(),
          disabled_at: null,
        });
        return { id, userName, displayName: userName, roles, source: 'local' as const };
      };
      const token = async (owner: Awaited<ReturnType<typeof user>>) => {
        const { token: value, apiToken } = await createApiToken(db, owner, { label: 'fuzz' });
        secrets.push(value);
        return { id: apiToken.id, caller: { headers: { authorization: `Bearer ${value}` }, csrf: null } };
      };
      const cookieOf = (web: WebClient) => [...web.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const session = async (userName: string): Promise<Caller> => {
        const web = new WebClient(server.url);
        await web.signIn(userName);
        return { headers: { cookie: cookieOf(web) }, csrf: web.csrfToken };
      };

      const root = await user('fuzz-root', ['System Administrators']);
      const hd = await user('CONTOSO\\fuzz-hd', ['Helpdesk']);
      const adv = await user('CONTOSO\\fuzz-adv', ['Advanced Helpdesk']);
      const alice = await user('CONTOSO\\alice', []);
      const target = await user('fuzz-target', ['Helpdesk']);
      await user('fuzz-pw', []);
      await user('fuzz-signin', []);
      callers.rootToken = (await token(root)).caller;
      callers.hdToken = (await token(hd)).caller;
      callers.advToken = (await token(adv)).caller;
      callers.aliceToken = (await token(alice)).caller;
      callers.root = await session(root.userName);
      callers.hd = await session(hd.userName);
      callers.adv = await session(adv.userName);
      callers.alice = await session(alice.userName);
      callers.pw = await session('fuzz-pw');
      const anonymous = new WebClient(server.url);
      await anonymous.get('/signin');
      callers.anonymous = { headers: { cookie: cookieOf(anonymous) }, csrf: anonymous.csrfToken };

      const computer = await seedComputer(server, {
        users: ['CONTOSO\\alice'],
        keyIds: [randomGuid(), randomGuid()],
      });
      secrets.push(computer.tpmOwnerAuth);
      for (const key of computer.keys) secrets.push(key.recoveryPassword, key.keyPackage.toString('base64'));
      const enrollmentToken = async () =>
        (await createEnrollmentToken(db, { uses: 1, expiresInSeconds: 3600 })).enrollmentToken.id;
      const device = async () => {
        const d = await new TestDevice(server.url).init();
        await d.enroll(await server.createEnrollmentToken());
        return d.deviceId;
      };
      const mapping = async (claimValue: string) =>
        (await addRoleMapping(db, { claimValue, role: 'Helpdesk' }, 'fuzz')).id;
      fixtures = {
        computer,
        target: target.id,
        enrollmentTokens: [await enrollmentToken(), await enrollmentToken()],
        devices: [await device(), await device()],
        mappings: [await mapping('Fuzz Mapping A'), await mapping('Fuzz Mapping B')],
        apiTokens: [(await token(root)).id, (await token(root)).id],
      };
      routes = routesOf(fixtures);
      tables = { recovery: await tableNames(dbs.recovery), compliance: await tableNames(dbs.compliance) };
    });
    after(async () => {
      closeConnections();
      await server?.stop();
      if (server) removeDataDir(server.dataDir);
    });

    /** Row counts of every table of both databases, and which keys are marked disclosed (an UPDATE). */
    const counts = async () => {
      const { dbs } = server.running().services;
      return {
        recovery: await rowCounts(dbs.recovery, tables.recovery),
        compliance: await rowCounts(dbs.compliance, tables.compliance),
        disclosed: await dbs.recovery
          .selectFrom('key_protectors')
          .select(['key_protector_id', 'disclosed_at'])
          .orderBy('key_protector_id')
          .execute(),
      };
    };
    /** The same, without the tables a refusal may add rows to by design (WRITTEN_BY). */
    const countsBeside = async (written: string[]) => {
      const all = await counts();
      for (const table of written) delete all.compliance[table];
      return all;
    };

    // Inputs the fuzzer found answered with a 500, a silent truncation or a wrong message, pinned.
    it('regressions: refuses them with a message that says what was wrong, and writes nothing', async () => {
      const before = await counts();
      const post = (caller: Caller, path: string, body: string, json = false) =>
        send(server.url, {
          method: 'POST',
          path,
          headers: {
            accept: 'text/html',
            ...caller.headers,
            ...(json
              ? { 'content-type': 'application/json', 'x-csrf-token': caller.csrf! }
              : { 'content-type': 'application/x-www-form-urlencoded' }),
          },
          body: Buffer.from(json ? body : `${encodeForm([[CSRF_FIELD, caller.csrf!]])}&${body}`),
        });

      // a script's JSON with a number where the form has text: was a TypeError (500), on sign-in
      // after counting the attempt
      const numbers = await post(callers.root, '/admin/users', '{"userName":5,"roles":["Helpdesk"]}', true);
      expect(numbers.status, numbers.text).to.equal(400);
      expect(numbers.text).to.match(/The form field (&quot;|")userName(&quot;|") must be text/);
      const signIn = await post(
        callers.anonymous,
        '/signin',
        '{"userName":"fuzz-signin","password":1.5}',
        true,
      );
      expect(signIn.status, signIn.text).to.equal(400);
      expect(signIn.text).to.match(/The form field (&quot;|")password(&quot;|") must be text/);

      // a display name longer than its column: stored on SQLite, a 500 on PostgreSQL
      const longName = await post(
        callers.root,
        '/admin/users',
        encodeForm([
          ['userName', 'fuzz-long-name'],
          ['displayName', 'x'.repeat(257)],
          ['roles', 'Helpdesk'],
        ]),
      );
      expect(longName.status, longName.text).to.equal(400);
      expect(longName.text).to.contain('The display name may be at most 256 characters (got 257)');

      // a computer domain one character too long: was cut to 255 characters, searched and audited
      const tooLong = await send(server.url, {
        method: 'GET',
        path: `/helpdesk/computers?domain=${'x'.repeat(256)}&name=${fixtures.computer.computerName}`,
        headers: { accept: 'text/html', ...callers.adv.headers },
      });
      expect(tooLong.status, tooLong.text).to.equal(400);
      expect(tooLong.text).to.match(/The computer(&#39;|')s domain must be a DNS or NetBIOS domain name/);

      // a new password over 1024 characters: was told it is "too short"
      const password = 'correct horse '.repeat(74);
      const change = await post(
        callers.pw,
        '/account/password',
        encodeForm([
          ['currentPassword', TEST_PASSWORD],
          ['newPassword', password],
          ['confirmPassword', password],
        ]),
      );
      expect(change.status, change.text).to.equal(400);
      expect(change.text).to.contain(
        `The new password is too long: at most 1024 characters (got ${password.length})`,
      );

      expect(await counts()).to.deep.equal(before);
    });

    it('covers every people-facing route', () => {
      const covered = new Set(routes.map((r) => `${r.method} ${r.url}`));
      const missing = server
        .running()
        .app.registeredRoutes.filter((r) => accessFor(r.method, r.url)?.kind !== 'device')
        .map((r) => `${r.method} ${r.url}`)
        .filter((key) => !covered.has(key) && !NOT_COVERED.has(key));
      expect(missing).to.deep.equal([]);
    });

    it('answers every mutation below 500, refuses the invalid ones clearly and without writing, then accepts the valid request', async () => {
      const tally: string[] = [];
      for (const route of routes) {
        const started = Date.now();
        const b = new RequestBuilder(route, callers[route.as]);
        const count =
          route.count ??
          (route.json
            ? COUNTS.json
            : route.form
              ? COUNTS.form
              : route.method === 'GET'
                ? COUNTS.get
                : COUNTS.params);
        const mutations = mutationsOf(b, Math.round(count * SCALE * DIALECT_SCALE[dialect]!), SEED);
        const indexed = mutations.map((m, i) => ({ m, i }));
        const sendChecked = async ({ m, i }: { m: Mutation; i: number }) => {
          const a = await send(server.url, m.sent);
          const context = explain(route, i, m, a);
          expect(a.status, context).to.be.below(500);
          if (a.status >= 400) {
            expectTellingRefusal(a, context);
            for (const secret of secrets) {
              expect(a.text.includes(secret), `${context}\n(echoes a secret)`).to.equal(false);
            }
          }
          return { a, context };
        };
        /** Sends a batch four at a time, with one row count around it (or each: OPENMBAM_FUZZ_ONE_BY_ONE=1). */
        const batch = async (items: typeof indexed, written: string[], mustRefuse: boolean) => {
          const size = process.env.OPENMBAM_FUZZ_ONE_BY_ONE === '1' ? 1 : items.length;
          for (let first = 0; first < items.length; first += size) {
            const chunk = items.slice(first, first + size);
            const before = await countsBeside(written);
            for (let start = 0; start < chunk.length; start += 4) {
              await Promise.all(
                chunk.slice(start, start + 4).map(async (item) => {
                  const { a, context } = await sendChecked(item);
                  if (mustRefuse) expect(a.status, `${context}\n(accepted)`).to.be.within(400, 499);
                }),
              );
            }
            const which = size === 1 ? ` #${chunk[0]!.i} (${chunk[0]!.m.what})` : '';
            const message = `seed ${SEED}, ${route.method} ${route.url}: rows written${which}`;
            expect(await countsBeside(written), message).to.deep.equal(before);
          }
        };

        for (const outcome of ['refused', 'counted', 'audited'] as const) {
          await batch(
            indexed.filter(({ m }) => m.outcome === outcome),
            WRITTEN_BY[outcome],
            true,
          );
        }
        const either = indexed.filter(({ m }) => m.outcome === 'either');
        // a GET writes nothing, whatever it is asked
        if (route.method === 'GET') await batch(either, [], false);

        // the valid request succeeds: the mutations were near misses
        const valid = await send(server.url, b.valid());
        const what = `seed ${SEED}, ${route.method} ${route.url}, the valid request: ${valid.text.slice(0, 300)}`;
        expect(valid.status, what).to.equal(route.ok);

        // the ones that may be accepted, one by one (after the valid one, so it is not a duplicate)
        if (route.method !== 'GET') {
          for (const item of either) {
            const before = await counts();
            const { a, context } = await sendChecked(item);
            if (a.status >= 400)
              expect(await counts(), `${context}\n(refused, but rows written)`).to.deep.equal(before);
          }
        }
        tally.push(
          `${route.method} ${route.url}: ${mutations.length} (${either.length} may be accepted), ${Date.now() - started} ms`,
        );
      }
      if (process.env.OPENMBAM_FUZZ_VERBOSE) console.log(tally.join('\n'));
    });
  });
}
