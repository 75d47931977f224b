// The audit chain on every dialect: appends link by hash, concurrent appenders all land with
// contiguous sequence numbers, and editing or deleting one row makes verify name that entry.
import { expect } from 'chai';
import { sql } from 'kysely';
import { removeDataDir, testServerConfig } from '../test-support/server';
import { TEST_DIALECTS } from '../test-support/dialects';
import { type RunningServices, openServices } from '../runtime/services';
import type { AuditEntryInput } from './audit-entry';
import { GENESIS_HASH } from './audit-entry';
import { listAuditEntries, recordAudit, verifyAuditChain } from './audit-log';

const attempt = (n: number, result = 'disclosed'): AuditEntryInput => ({
  actor: `CONTOSO\\helpdesk${n}`,
  actorRole: 'Helpdesk',
  source: 'helpdesk-portal',
  clientAddress: '192.0.2.10',
  action: 'helpdesk.recovery-key',
  targetKeyId: '{D3675C82-C9C4-4F26-8C4F-0B8E6A3F1B2C}',
  targetComputer: 'CONTOSO.COM\\PC-0001',
  targetUser: 'CONTOSO\\ALICE',
  reason: 'Lost PIN',
  result,
});

for (const dialect of TEST_DIALECTS) {
  describe(`audit log hash chain (${dialect})`, function () {
    let services: RunningServices;
    beforeEach(async () => {
      services = await openServices(await testServerConfig(dialect));
    });
    afterEach(async () => {
      await services.close();
      removeDataDir(services.config.dataDir);
    });

    it('verifies an empty log and a chain of appended entries, each linked to the one before', async () => {
      const db = services.dbs.compliance;
      expect(await verifyAuditChain(db)).to.deep.include({ ok: true, entries: 0, headSeq: 0 });
      for (let i = 1; i <= 5; i++) await recordAudit(db, attempt(i, i % 2 ? 'disclosed' : 'no-match'));
      const entries = await listAuditEntries(db);
      expect(entries.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4, 5]);
      expect(entries[0]!.prevHash).to.equal(GENESIS_HASH);
      for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).to.equal(entries[i - 1]!.hash);
      const verified = await verifyAuditChain(db, { pageSize: 2 }); // small pages: the walk crosses page boundaries
      expect(verified).to.deep.equal({ ok: true, entries: 5, headSeq: 5, headHash: entries[4]!.hash });
    });

    it('keeps the chain contiguous when many requests append at once', async () => {
      const db = services.dbs.compliance;
      await Promise.all(Array.from({ length: 25 }, (_, i) => recordAudit(db, attempt(i))));
      const entries = await listAuditEntries(db);
      expect(entries.map((e) => e.seq)).to.deep.equal(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(await verifyAuditChain(db)).to.deep.include({ ok: true, entries: 25 });
    });

    it('rolls the caller’s work back with the entry, and commits them together', async () => {
      const db = services.dbs.compliance;
      try {
        await recordAudit(db, attempt(1), async () => {
          throw new Error('work failed');
        });
        expect.fail('should have thrown');
      } catch (error) {
        expect((error as Error).message).to.equal('work failed');
      }
      expect(await listAuditEntries(db)).to.have.length(0);
      const { value } = await recordAudit(db, attempt(1), async () => 42);
      expect(value).to.equal(42);
      expect(await listAuditEntries(db)).to.have.length(1);
    });

    it('names the edited entry when one row is changed with raw SQL', async () => {
      const db = services.dbs.compliance;
      for (let i = 1; i <= 6; i++) await recordAudit(db, attempt(i));
      await sql`update audit_log set result = ${'no-match'} where seq = ${4}`.execute(db);
      const verified = await verifyAuditChain(db);
      expect(verified.ok).to.equal(false);
      expect(verified).to.deep.include({ seq: 4, entries: 3 });
      expect((verified as { why: string }).why).to.match(/edited/);
    });

    it('names the entry after a deleted one, and a re-hashed edit breaks the next link', async () => {
      const db = services.dbs.compliance;
      for (let i = 1; i <= 6; i++) await recordAudit(db, attempt(i));
      await sql`delete from audit_log where seq = ${3}`.execute(db);
      expect(await verifyAuditChain(db)).to.deep.include({ ok: false, seq: 3 });

      // a careful forger recomputes the edited row's own hash: the following entry still points at the old one
      await sql`delete from audit_log`.execute(db);
      for (let i = 1; i <= 4; i++) await recordAudit(db, attempt(i));
      await sql`update audit_log set hash = ${'f'.repeat(64)} where seq = ${2}`.execute(db);
      const verified = await verifyAuditChain(db);
      expect(verified).to.deep.include({ ok: false, seq: 2 });
    });

    it('with the head recorded earlier, sees entries cut from the end and a rewritten tail', async () => {
      const db = services.dbs.compliance;
      for (let i = 1; i <= 5; i++) await recordAudit(db, attempt(i));
      const head = await verifyAuditChain(db);
      if (!head.ok) expect.fail('the fresh chain verifies');
      const anchor = { seq: head.headSeq, hash: head.headHash };
      await recordAudit(db, attempt(6));
      expect(await verifyAuditChain(db, { anchor })).to.deep.include({ ok: true, entries: 6 });

      // Cut from the end, the chain itself still verifies: only the anchor tells.
      await sql`delete from audit_log where seq >= ${4}`.execute(db);
      expect(await verifyAuditChain(db)).to.deep.include({ ok: true, entries: 3 });
      const cut = await verifyAuditChain(db, { anchor });
      expect(cut).to.deep.include({ ok: false, seq: 4, entries: 3 });
      expect((cut as { why: string }).why).to.match(/ends at entry 3, but entry 5 was recorded/);

      // Appended again past the anchor: a consistent chain, but not the entry that was recorded.
      for (let i = 4; i <= 6; i++) await recordAudit(db, attempt(i, 'no-match'));
      const rewritten = await verifyAuditChain(db, { anchor });
      expect(rewritten).to.deep.include({ ok: false, seq: 5, entries: 4 });
      expect((rewritten as { why: string }).why).to.match(/not the one recorded earlier/);
    });

    it('lists entries since a time, oldest first', async () => {
      const db = services.dbs.compliance;
      await recordAudit(db, attempt(1), undefined, () => new Date('2026-01-01T00:00:00Z'));
      await recordAudit(db, attempt(2), undefined, () => new Date('2026-02-01T00:00:00Z'));
      await recordAudit(db, attempt(3), undefined, () => new Date('2026-03-01T00:00:00Z'));
      const since = await listAuditEntries(db, { since: new Date('2026-01-15T00:00:00Z') });
      expect(since.map((e) => e.actor)).to.deep.equal(['CONTOSO\\helpdesk2', 'CONTOSO\\helpdesk3']);
    });
  });
}
