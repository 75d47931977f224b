// Session timeouts with an injected clock, on every dialect: idle limit, activity extending it, the
// absolute lifetime, and the Self-Service vs staff defaults.
import { expect } from 'chai';
import { TEST_DIALECTS } from '../test-support/dialects';
import { type TestServer, removeDataDir, startTestServer } from '../test-support/server';
import { createSession, idleTimeoutFor, purgeExpiredSessions, resumeSession, sessionIdOf } from './sessions';

const settings = {
  idleTimeoutSeconds: 900,
  selfServiceIdleTimeoutSeconds: 300,
  absoluteTimeoutSeconds: 8 * 3600,
  warningSeconds: 60,
};
const principal = { id: 'u1', userName: 'alice', displayName: 'Alice', roles: [], source: 'local' as const };
const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

for (const dialect of TEST_DIALECTS) {
  describe(`sessions (${dialect})`, function () {
    this.timeout(60_000);
    let server: TestServer;
    const db = () => server.running().services.dbs.recovery;
    before(async () => {
      server = await startTestServer({ dialect });
    });
    after(async () => {
      await server?.stop();
      if (server) removeDataDir(server.dataDir);
    });

    it('gives Self-Service-only people 5 minutes and staff 15', () => {
      expect(idleTimeoutFor([], settings)).to.equal(300);
      expect(idleTimeoutFor(['Report Users'], settings)).to.equal(900);
    });

    it('ends a session after its idle timeout, and activity moves the deadline', async () => {
      const start = new Date('2026-11-28T10:00:00.000Z');
      const { cookieValue, session } = await createSession(db(), principal, { settings, now: start });
      expect(session.id).to.equal(sessionIdOf(cookieValue));
      expect(session.warningSeconds).to.equal(60);
      expect((await resumeSession(db(), cookieValue, settings, at(start, 200))).state).to.equal('active');
      // activity at 200 s: still active at 450 s (250 s idle), though 450 s is past the first deadline
      expect((await resumeSession(db(), cookieValue, settings, at(start, 450))).state).to.equal('active');
      expect((await resumeSession(db(), cookieValue, settings, at(start, 750))).state).to.equal('expired');
      expect((await resumeSession(db(), cookieValue, settings, at(start, 751))).state).to.equal('unknown');
    });

    it('ends a session at its absolute lifetime however active, and purges old rows', async () => {
      const start = new Date('2026-11-28T10:00:00.000Z');
      const staff = { ...principal, id: 'u2', roles: ['Helpdesk' as const] };
      const { cookieValue } = await createSession(db(), staff, { settings, now: start });
      for (let s = 600; s < 8 * 3600; s += 600) {
        expect((await resumeSession(db(), cookieValue, settings, at(start, s))).state).to.equal('active');
      }
      expect((await resumeSession(db(), cookieValue, settings, at(start, 8 * 3600))).state).to.equal(
        'expired',
      );
      await createSession(db(), staff, { settings, now: start });
      expect(await purgeExpiredSessions(db(), at(start, 9 * 3600))).to.be.greaterThan(0);
    });

    it('never stores the cookie value', async () => {
      const { cookieValue } = await createSession(db(), principal, { settings });
      const rows = await db().selectFrom('sessions').selectAll().execute();
      expect(JSON.stringify(rows)).not.to.contain(cookieValue);
    });
  });
}
