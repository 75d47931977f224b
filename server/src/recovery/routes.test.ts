// The Help Desk and Self-Service JSON API over real HTTP with personal API tokens (Bearer): roles
// from the token's owner, the same scope rules and audit as the portals, 429 with Retry-After, and
// bad input answered with the error shape, never reaching the database.
import { expect } from 'chai';
import { listAuditEntries } from '../audit/audit-log';
import { createApiToken } from '../people/api-tokens';
import { addLocalUser } from '../people/local-users';
import type { Role } from '../people/roles';
import { TEST_DIALECTS } from '../test-support/dialects';
import { type TestServer, removeDataDir, startTestServer, testServerConfig } from '../test-support/server';
import { type SeededComputer, guidWithPrefix, seedComputer } from './test-fixtures';

async function tokenFor(server: TestServer, userName: string, roles: Role[]): Promise<string> {
  const db = server.running().services.dbs.recovery;
  const { user } = await addLocalUser(db, { userName, roles });
  const { token } = await createApiToken(
    db,
    { id: user.id, userName: user.userName, displayName: user.displayName, roles, source: 'local' },
    { label: 'tests' },
  );
  return token;
}

async function call(
  server: TestServer,
  method: 'GET' | 'POST',
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

for (const dialect of TEST_DIALECTS) {
  describe(`Help Desk and Self-Service JSON API (${dialect})`, function () {
    let server: TestServer;
    let pc: SeededComputer;
    let tokens: Record<'helpdesk' | 'advanced' | 'reports' | 'alice' | 'bob', string>;
    before(async () => {
      const config = await testServerConfig(dialect);
      server = await startTestServer({
        config: {
          ...config,
          rateLimits: { selfservice: { perUser: 3, perAddress: 100, windowSeconds: 600 } },
        },
      });
      pc = await seedComputer(server, {
        users: ['CONTOSO\\alice'],
        keyIds: [guidWithPrefix('C0FFEE01'), guidWithPrefix('C0FFEE01')],
      });
      tokens = {
        helpdesk: await tokenFor(server, 'CONTOSO\\hd', ['Helpdesk']),
        advanced: await tokenFor(server, 'CONTOSO\\adv', ['Advanced Helpdesk']),
        reports: await tokenFor(server, 'CONTOSO\\rep', ['Report Users']),
        alice: await tokenFor(server, 'CONTOSO\\alice', []),
        bob: await tokenFor(server, 'CONTOSO\\bob', []),
      };
    });
    after(async () => {
      await server.stop();
      removeDataDir(server.dataDir);
    });

    it('POST /helpdesk/recovery-key: Helpdesk with the end user gets the password and key package; audited as api', async () => {
      const key = pc.keys[0]!;
      const answer = await call(server, 'POST', '/helpdesk/recovery-key', tokens.helpdesk, {
        keyId: key.keyId,
        reason: 'LostPin',
        user: { domain: 'CONTOSO', userName: 'alice' },
      });
      expect(answer.status).to.equal(200);
      expect(answer.body.result).to.equal('disclosed');
      expect(answer.body.recoveryPassword === key.recoveryPassword).to.equal(true);
      expect(answer.body.keyPackage === key.keyPackage.toString('base64')).to.equal(true);
      expect(answer.body).to.deep.include({ previouslyDisclosed: false });
      expect((await listAuditEntries(server.running().services.dbs.compliance)).at(-1)).to.deep.include({
        actor: 'CONTOSO\\hd',
        source: 'api',
        result: 'disclosed',
        clientAddress: '127.0.0.1',
      });
    });

    it('answers the ambiguous list without secrets, and 404/403/400 with the error shape', async () => {
      const ambiguous = await call(server, 'POST', '/helpdesk/recovery-key', tokens.advanced, {
        keyId: 'c0ffee01',
        reason: 'BiosChanged',
      });
      expect(ambiguous.status).to.equal(200);
      expect(ambiguous.body.result).to.equal('ambiguous');
      expect((ambiguous.body.matches as unknown[]).length).to.equal(2);
      expect(JSON.stringify(ambiguous.body)).not.to.contain(pc.keys[1]!.recoveryPassword);

      const none = await call(server, 'POST', '/helpdesk/recovery-key', tokens.advanced, {
        keyId: 'DEADBEEF',
        reason: 'BiosChanged',
      });
      expect(none.status).to.equal(404);
      expect((none.body.error as { code: string }).code).to.equal('not_found');

      const noUser = await call(server, 'POST', '/helpdesk/recovery-key', tokens.helpdesk, {
        keyId: pc.keys[1]!.keyId,
        reason: 'BiosChanged',
      });
      expect(noUser.status).to.equal(400);

      const unknownField = await call(server, 'POST', '/helpdesk/recovery-key', tokens.advanced, {
        keyId: 'DEADBEEF',
        reason: 'BiosChanged',
        password: 'x',
      });
      expect(unknownField.status).to.equal(400);
      expect((unknownField.body.error as { field: string }).field).to.equal('/password');
      const badReason = await call(server, 'POST', '/helpdesk/recovery-key', tokens.advanced, {
        keyId: 'DEADBEEF',
        reason: 'Bored',
      });
      expect(badReason.status).to.equal(400);
      expect((badReason.body.error as { message: string }).message).to.contain('"LostPin"');
    });

    it('refuses callers without the role or without a token', async () => {
      expect(
        (await call(server, 'POST', '/helpdesk/recovery-key', null, { keyId: 'C0FFEE01', reason: 'LostPin' }))
          .status,
      ).to.equal(401);
      expect(
        (
          await call(server, 'POST', '/helpdesk/recovery-key', tokens.reports, {
            keyId: 'C0FFEE01',
            reason: 'LostPin',
          })
        ).status,
      ).to.equal(403);
      expect(
        (
          await call(server, 'POST', '/helpdesk/recovery-key', tokens.alice, {
            keyId: 'C0FFEE01',
            reason: 'LostPin',
          })
        ).status,
      ).to.equal(403);
      expect(
        (
          await call(
            server,
            'GET',
            `/helpdesk/computers/contoso.com/${pc.computerName}/volumes`,
            tokens.helpdesk,
          )
        ).status,
      ).to.equal(403);
    });

    it('POST /helpdesk/tpm-owner-auth and GET /helpdesk/computers/:domain/:name/volumes for Advanced Helpdesk', async () => {
      const tpm = await call(server, 'POST', '/helpdesk/tpm-owner-auth', tokens.advanced, {
        computer: { domain: 'contoso.com', name: pc.computerName },
        reason: 'ResetPinLockout',
      });
      expect(tpm.status).to.equal(200);
      expect(tpm.body.ownerAuth === pc.tpmOwnerAuth).to.equal(true);

      const volumes = await call(
        server,
        'GET',
        `/helpdesk/computers/contoso.com/${pc.computerName}/volumes`,
        tokens.advanced,
      );
      expect(volumes.status).to.equal(200);
      expect((volumes.body.keys as Array<{ keyId: string }>).map((k) => k.keyId).sort()).to.deep.equal(
        pc.keys.map((k) => k.keyId).sort(),
      );
      expect(JSON.stringify(volumes.body)).not.to.contain(pc.keys[1]!.recoveryPassword);
    });

    it('POST /selfservice/recovery-key: own computer only, then 429 with Retry-After past the limit', async () => {
      const own = await call(server, 'POST', '/selfservice/recovery-key', tokens.alice, {
        keyId: pc.keys[1]!.keyId,
        reason: 'LostPin',
      });
      expect(own.status).to.equal(200);
      expect(own.body.recoveryPassword === pc.keys[1]!.recoveryPassword).to.equal(true);

      const other = await call(server, 'POST', '/selfservice/recovery-key', tokens.bob, {
        keyId: pc.keys[1]!.keyId,
        reason: 'LostPin',
      });
      expect(other.status).to.equal(403);

      await call(server, 'POST', '/selfservice/recovery-key', tokens.alice, {
        keyId: 'C0FFEE01',
        reason: 'LostPin',
      });
      await call(server, 'POST', '/selfservice/recovery-key', tokens.alice, {
        keyId: 'C0FFEE01',
        reason: 'LostPin',
      });
      const limited = await call(server, 'POST', '/selfservice/recovery-key', tokens.alice, {
        keyId: 'C0FFEE01',
        reason: 'LostPin',
      });
      expect(limited.status).to.equal(429);
      expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 600);
      expect((limited.body.error as { code: string; message: string }).message).to.match(
        /^Too many recovery key requests/,
      );
      expect(server.logs()).to.contain('recovery key lookups rate-limited');
      expect((await listAuditEntries(server.running().services.dbs.compliance)).at(-1)).to.deep.include({
        actor: 'CONTOSO\\alice',
        result: 'rate-limited',
      });
      // no secret reached the server's log
      for (const key of pc.keys) expect(server.logs().includes(key.recoveryPassword)).to.equal(false);
      expect(server.logs().includes(pc.tpmOwnerAuth)).to.equal(false);
    });
  });
}
