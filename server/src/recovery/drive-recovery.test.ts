// Drive Recovery and Self-Service on every dialect, with data that arrived the way production data
// does (enroll, escrow, status with logged-on users): scope rules, ambiguous prefixes, single-use
// marking, and an audit entry for every attempt that never holds a secret.
import { expect } from 'chai';
import { sql } from 'kysely';
import { verifyAuditChain, listAuditEntries } from '../audit/audit-log';
import { UserError } from '../errors';
import { TEST_DIALECTS } from '../test-support/dialects';
import { type TestServer, removeDataDir, startTestServer } from '../test-support/server';
import { sampleStatus } from '../test-support/test-device';
import { recoverDriveKey, recoverOwnDriveKey } from './drive-recovery';
import {
  type SeededComputer,
  advanced,
  depsFor,
  endUserRequester,
  guidWithPrefix,
  helpdesk,
  seedComputer,
} from './test-fixtures';

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

for (const dialect of TEST_DIALECTS) {
  describe(`recovery services: Drive Recovery and Self-Service (${dialect})`, function () {
    let server: TestServer;
    let alicePc: SeededComputer;
    let bobPc: SeededComputer;
    const shared = 'A1B2C3D4';
    before(async () => {
      server = await startTestServer({ dialect });
      alicePc = await seedComputer(server, {
        users: ['CONTOSO\\alice'],
        keyIds: [guidWithPrefix(shared), guidWithPrefix('5EED0001')],
      });
      bobPc = await seedComputer(server, { users: ['CONTOSO\\bob'], keyIds: [guidWithPrefix(shared)] });
    });
    after(async () => {
      await server.stop();
      removeDataDir(server.dataDir);
    });

    it('Helpdesk recovers a key for a named end user with a reason: password, key package, single use, audited', async () => {
      const deps = depsFor(server);
      const key = alicePc.keys[1]!;
      const outcome = await recoverDriveKey(deps, helpdesk(), {
        keyId: key.keyId.slice(1, 9).toLowerCase(),
        reason: 'LostPin',
        endUser: { domain: 'contoso', userName: 'Alice' },
      });
      expect(outcome.kind).to.equal('disclosed');
      if (outcome.kind !== 'disclosed') return;
      expect(outcome.disclosed.recoveryPassword === key.recoveryPassword).to.equal(true);
      expect(outcome.disclosed.keyPackage?.equals(key.keyPackage)).to.equal(true);
      expect(outcome.disclosed.previouslyDisclosed).to.equal(false);
      expect(outcome.disclosed.key).to.deep.include({
        keyId: key.keyId,
        computerName: alicePc.computerName,
        driveType: 'FixedData',
        rotatedAt: null,
      });

      // the agent is told to rotate it at its next check-in
      const status = await alicePc.device.status(
        sampleStatus(alicePc.keys.map((k) => ({ volumeId: k.volumeId, keyProtectorId: k.keyId }))),
      );
      expect((status.body as { rotate: string[] }).rotate).to.deep.equal([key.keyId]);

      const [entry] = (await listAuditEntries(deps.dbs.compliance)).slice(-1);
      expect(entry).to.deep.include({
        actor: 'CONTOSO\\helpdesk1',
        actorRole: 'Helpdesk',
        action: 'helpdesk.recovery-key',
        targetKeyId: key.keyId,
        targetComputer: `contoso.com\\${alicePc.computerName}`,
        targetUser: 'CONTOSO\\ALICE',
        reason: 'Lost PIN',
        result: 'disclosed',
        clientAddress: '192.0.2.1',
      });

      // a second disclosure says so
      const again = await recoverDriveKey(deps, advanced(), {
        keyId: key.keyId,
        reason: 'Other',
        reasonText: 'User locked out again',
      });
      expect(again.kind === 'disclosed' && again.disclosed.previouslyDisclosed).to.equal(true);
    });

    it('Helpdesk must name the end user, and is refused a key of a computer that user never logged on to', async () => {
      const deps = depsFor(server);
      const missing = await rejection(
        recoverDriveKey(deps, helpdesk(), { keyId: bobPc.keys[0]!.keyId, reason: 'BiosChanged' }),
      );
      expect(missing.code).to.equal('validation_failed');

      const before = (await listAuditEntries(deps.dbs.compliance)).length;
      const refused = await rejection(
        recoverDriveKey(deps, helpdesk(), {
          keyId: bobPc.keys[0]!.keyId,
          reason: 'BiosChanged',
          endUser: { domain: 'CONTOSO', userName: 'alice' },
        }),
      );
      expect(refused.code).to.equal('forbidden');
      const entries = await listAuditEntries(deps.dbs.compliance);
      expect(entries).to.have.length(before + 1);
      expect(entries.at(-1)).to.deep.include({ result: 'forbidden', targetUser: 'CONTOSO\\ALICE' });
      const keys = await server.escrowedKeys();
      expect(keys.find((k) => k.keyProtectorId === bobPc.keys[0]!.keyId)!.disclosed).to.equal(false);
    });

    it('Advanced Helpdesk gets the list of matches for an ambiguous prefix (no secret), then the key by full id', async () => {
      const deps = depsFor(server);
      const outcome = await recoverDriveKey(deps, advanced(), {
        keyId: `{${shared.toLowerCase()}`,
        reason: 'TpmReset',
      });
      expect(outcome.kind).to.equal('ambiguous');
      if (outcome.kind !== 'ambiguous') return;
      expect(outcome.matches.map((m) => m.computerName).sort()).to.deep.equal(
        [alicePc.computerName, bobPc.computerName].sort(),
      );
      expect(JSON.stringify(outcome)).not.to.contain(alicePc.keys[0]!.recoveryPassword);
      expect((await listAuditEntries(deps.dbs.compliance)).at(-1)).to.deep.include({
        result: 'ambiguous',
        targetKeyId: `{${shared}…`,
      });

      // Helpdesk with the end user sees only that user's key: no ambiguity left
      const scoped = await recoverDriveKey(deps, helpdesk(), {
        keyId: shared,
        reason: 'TpmReset',
        endUser: { domain: 'CONTOSO', userName: 'bob' },
      });
      expect(scoped.kind === 'disclosed' && scoped.disclosed.key.keyId).to.equal(bobPc.keys[0]!.keyId);
    });

    it('answers no match, refuses bad ids and reasons with teaching messages, and audits the miss', async () => {
      const deps = depsFor(server);
      const none = await rejection(
        recoverDriveKey(deps, advanced(), { keyId: '00000000', reason: 'LostPin' }),
      );
      expect(none.code).to.equal('not_found');
      expect(none.message).to.contain('00000000');
      expect((await listAuditEntries(deps.dbs.compliance)).at(-1)).to.deep.include({ result: 'no-match' });

      const short = await rejection(recoverDriveKey(deps, advanced(), { keyId: 'A1B2', reason: 'LostPin' }));
      expect(short).to.include({ code: 'validation_failed', field: 'keyId' });
      const notHex = await rejection(
        recoverDriveKey(deps, advanced(), { keyId: "A1B2C3D4' OR 1=1 --", reason: 'LostPin' }),
      );
      expect(notHex).to.include({ code: 'validation_failed', field: 'keyId' });
      const reason = await rejection(recoverDriveKey(deps, advanced(), { keyId: shared, reason: 'Because' }));
      expect(reason).to.include({ code: 'validation_failed', field: 'reason' });
      const other = await rejection(
        recoverDriveKey(deps, advanced(), { keyId: shared, reason: 'Other', reasonText: ' ' }),
      );
      expect(other).to.include({ code: 'validation_failed', field: 'reasonText' });
    });

    it('Self-Service: a user signed in by UPN is matched through upnDomains, and only through it', async () => {
      const key = alicePc.keys[0]!;
      const mapped = depsFor(server, { upnDomains: { 'Contoso.com': 'CONTOSO' } });
      const own = await recoverOwnDriveKey(mapped, endUserRequester('alice@contoso.COM'), {
        keyId: key.keyId,
        reason: 'LostPin',
      });
      expect(own.kind === 'disclosed' && own.disclosed.recoveryPassword === key.recoveryPassword).to.equal(
        true,
      );
      expect((await listAuditEntries(mapped.dbs.compliance)).at(-1)).to.deep.include({
        actor: 'alice@contoso.COM',
        targetUser: 'CONTOSO\\ALICE',
        result: 'disclosed',
      });
      // another suffix, or no map at all: the UPN matches no computer
      for (const [deps, user] of [
        [mapped, 'alice@fabrikam.com'],
        [depsFor(server), 'alice@contoso.com'],
      ] as const) {
        const refused = await rejection(
          recoverOwnDriveKey(deps, endUserRequester(user), { keyId: key.keyId, reason: 'LostPin' }),
        );
        expect(refused.code).to.equal('forbidden');
      }
    });

    it('Self-Service: a user recovers a key of their own computer and is refused another user’s computer', async () => {
      const deps = depsFor(server);
      const key = alicePc.keys[0]!;
      const own = await recoverOwnDriveKey(deps, endUserRequester('CONTOSO\\alice'), {
        keyId: key.keyId.replace(/[{}-]/g, ''),
        reason: 'LostPassphrase',
      });
      expect(own.kind === 'disclosed' && own.disclosed.recoveryPassword === key.recoveryPassword).to.equal(
        true,
      );
      // the shared prefix is not ambiguous for alice: only her computer counts
      const byPrefix = await recoverOwnDriveKey(deps, endUserRequester('contoso\\ALICE'), {
        keyId: shared,
        reason: 'LostPin',
      });
      expect(byPrefix.kind).to.equal('disclosed');

      const davePc = await seedComputer(server, { users: ['CONTOSO\\dave'] });
      const refused = await rejection(
        recoverOwnDriveKey(deps, endUserRequester('CONTOSO\\alice'), {
          keyId: davePc.keys[0]!.keyId,
          reason: 'LostPin',
        }),
      );
      expect(refused.code).to.equal('forbidden');
      expect(refused.message).to.match(/help desk/i);
      expect((await listAuditEntries(deps.dbs.compliance)).at(-1)).to.deep.include({
        actor: 'CONTOSO\\alice',
        actorRole: 'Self-Service',
        source: 'selfservice-portal',
        action: 'selfservice.recovery-key',
        result: 'forbidden',
      });
      const keys = await server.escrowedKeys();
      expect(keys.find((k) => k.keyProtectorId === davePc.keys[0]!.keyId)!.disclosed).to.equal(false);
    });

    it('never releases a secret without a committed audit entry, and records an undelivered disclosure', async () => {
      const deps = depsFor(server);
      const computer = await seedComputer(server, { users: ['CONTOSO\\carol'] });
      const key = computer.keys[0]!;
      // the audit log cannot be written: nothing is released and the key stays undisclosed
      await sql`alter table audit_log rename to audit_log_away`.execute(deps.dbs.compliance);
      try {
        await recoverDriveKey(deps, advanced(), { keyId: key.keyId, reason: 'LostPin' }).then(
          () => expect.fail('must not disclose'),
          (error: unknown) => expect(error).not.to.be.instanceOf(UserError),
        );
      } finally {
        await sql`alter table audit_log_away rename to audit_log`.execute(deps.dbs.compliance);
      }
      let keys = await server.escrowedKeys();
      expect(keys.find((k) => k.keyProtectorId === key.keyId)!.disclosed).to.equal(false);

      // the mark cannot be written after the audit commit: nothing is released, "not-delivered" follows
      // every UPDATE on the Recovery Database fails (markDisclosed is the only one here)
      const failingRecovery = deps.dbs.recovery.withPlugin({
        transformQuery(args) {
          if (args.node.kind === 'UpdateQueryNode') throw new Error('recovery database unavailable');
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const broken = depsFor(server, { dbs: { ...deps.dbs, recovery: failingRecovery } });
      await recoverDriveKey(broken, advanced(), { keyId: key.keyId, reason: 'LostPin' }).then(
        () => expect.fail('must not disclose'),
        (error: unknown) => expect((error as Error).message).to.equal('recovery database unavailable'),
      );
      const tail = (await listAuditEntries(deps.dbs.compliance)).slice(-2).map((e) => e.result);
      expect(tail).to.deep.equal(['disclosed', 'not-delivered']);
      keys = await server.escrowedKeys();
      expect(keys.find((k) => k.keyProtectorId === key.keyId)!.disclosed).to.equal(false);
    });

    it('keeps secrets out of the audit log, and the chain verifies after all of the above', async () => {
      const deps = depsFor(server);
      const entries = await listAuditEntries(deps.dbs.compliance);
      const text = JSON.stringify(entries);
      for (const computer of [alicePc, bobPc]) {
        for (const key of computer.keys) expect(text.includes(key.recoveryPassword)).to.equal(false);
        expect(text.includes(computer.tpmOwnerAuth)).to.equal(false);
      }
      expect(await verifyAuditChain(deps.dbs.compliance)).to.deep.include({
        ok: true,
        entries: entries.length,
      });
    });
  });
}
