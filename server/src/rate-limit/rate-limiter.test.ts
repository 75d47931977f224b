// The sliding window on every dialect: per user and per address, refusals roll back, Retry-After is
// when the oldest counted attempt leaves the window; and the recovery services audit and warn on it.
import { expect } from 'chai';
import { listAuditEntries } from '../audit/audit-log';
import { RateLimitedError } from '../errors';
import { advanced, depsFor, endUserRequester, seedComputer } from '../recovery/test-fixtures';
import { recoverDriveKey, recoverOwnDriveKey } from '../recovery/drive-recovery';
import { TEST_DIALECTS } from '../test-support/dialects';
import { type TestServer, removeDataDir, startTestServer } from '../test-support/server';
import { takeAttempt } from './rate-limiter';

const limit = { perUser: 3, perAddress: 5, windowSeconds: 60 };
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 28, 12, 0, seconds));

for (const dialect of TEST_DIALECTS) {
  describe(`rate limits on key lookups (${dialect})`, function () {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ dialect });
    });
    after(async () => {
      await server.stop();
      removeDataDir(server.dataDir);
    });

    it('allows `perUser` attempts in the window, refuses the next, and lets one in as the oldest leaves', async () => {
      const db = server.running().services.dbs.compliance;
      const who = { userName: 'CONTOSO\\guesser', clientAddress: '203.0.113.1' };
      for (const s of [0, 10, 20])
        expect(await takeAttempt(db, 'helpdesk', who, limit, at(s))).to.deep.equal({ allowed: true });
      expect(await takeAttempt(db, 'helpdesk', who, limit, at(30))).to.deep.equal({
        allowed: false,
        limitedBy: 'user',
        limit: 3,
        windowSeconds: 60,
        retryAfterSeconds: 30, // the attempt at 0 s leaves the window at 60 s
      });
      // refused attempts do not count: at 61 s the first has left and one more is allowed
      expect(await takeAttempt(db, 'helpdesk', who, limit, at(61))).to.deep.equal({ allowed: true });
      expect((await takeAttempt(db, 'helpdesk', who, limit, at(62))).allowed).to.equal(false);
      // other scopes and people have their own buckets
      expect((await takeAttempt(db, 'selfservice', who, limit, at(62))).allowed).to.equal(true);
    });

    it('limits one address across many user names', async () => {
      const db = server.running().services.dbs.compliance;
      const decisions = [];
      for (let i = 0; i < 6; i++) {
        decisions.push(
          await takeAttempt(
            db,
            'helpdesk',
            { userName: `user${i}`, clientAddress: '203.0.113.9' },
            limit,
            at(i),
          ),
        );
      }
      expect(decisions.slice(0, 5).every((d) => d.allowed)).to.equal(true);
      expect(decisions[5]).to.deep.include({ allowed: false, limitedBy: 'address', limit: 5 });
    });

    it('never lets racing attempts past the limit', async () => {
      const db = server.running().services.dbs.compliance;
      const who = { userName: 'CONTOSO\\racer', clientAddress: '203.0.113.20' };
      const decisions = await Promise.all(
        Array.from({ length: 8 }, () => takeAttempt(db, 'helpdesk', who, limit, at(0))),
      );
      expect(decisions.filter((d) => d.allowed).length).to.be.at.most(3);
    });

    it('a recovery past the limit answers 429 with Retry-After, is audited as rate-limited, and warns in the log', async () => {
      const pc = await seedComputer(server, { users: ['CONTOSO\\frank'] });
      const deps = depsFor(server, {
        limits: { helpdesk: limit, selfservice: { ...limit, perUser: 2 }, signin: limit },
      });
      const requester = endUserRequester('CONTOSO\\frank', '198.51.100.50');
      for (let i = 0; i < 2; i++) {
        await recoverOwnDriveKey(deps, requester, { keyId: pc.keys[0]!.keyId, reason: 'LostPin' });
      }
      const error = await recoverOwnDriveKey(deps, requester, {
        keyId: pc.keys[0]!.keyId,
        reason: 'LostPin',
      }).then(
        () => expect.fail('should be rate-limited'),
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(RateLimitedError);
      const limited = error as RateLimitedError;
      expect(limited.statusCode).to.equal(429);
      expect(limited.retryAfterSeconds).to.be.within(1, 60);
      expect(limited.message).to.match(/Too many recovery key requests: at most 2 per person in 60 seconds/);
      expect((await listAuditEntries(deps.dbs.compliance)).at(-1)).to.deep.include({
        actor: 'CONTOSO\\frank',
        result: 'rate-limited',
        action: 'selfservice.recovery-key',
      });
      expect(deps.captured.warnings).to.have.length(1);
      expect(deps.captured.warnings[0]!.details).to.deep.include({
        scope: 'selfservice',
        limitedBy: 'user',
        clientAddress: '198.51.100.50',
      });

      // the help desk scope is separate
      const hd = await recoverDriveKey(deps, advanced('CONTOSO\\adv9'), {
        keyId: pc.keys[0]!.keyId,
        reason: 'LostPin',
      });
      expect(hd.kind).to.equal('disclosed');
    });
  });
}
