// A prepared query fills named parameters into SQL compiled once per dialect, in the order the SQL
// takes them, and keeps the constants the query was built with.
import { expect } from 'chai';
import type { Kysely } from 'kysely';
import type { ComplianceDatabase } from './compliance-database';
import { recordingKysely } from './migration-sql';
import { type Param, preparedQuery } from './prepared-query';

const touch = preparedQuery(
  (db: Kysely<ComplianceDatabase>, param: Param<{ machineId: string; stateHash: string; nowIso: string }>) =>
    db
      .updateTable('machine_compliance')
      .set({ last_contact_at: param('nowIso'), compliant: 1 })
      .where('machine_id', '=', param('machineId'))
      .where('state_hash', '=', param('stateHash')),
);

describe('prepared queries', () => {
  it('compiles once per dialect and passes the parameters in the order of the SQL', async () => {
    for (const [dialect, marks] of [
      ['mssql', ['@1', '@2', '@3', '@4']],
      ['postgres', ['$1', '$2', '$3', '$4']],
      ['sqlite', ['?', '?', '?', '?']],
    ] as const) {
      const { db, statements } = recordingKysely<ComplianceDatabase>(dialect);
      await touch(db, { stateHash: 'h1', machineId: 'm1', nowIso: 't1' });
      await touch(db, { nowIso: 't2', machineId: 'm2', stateHash: 'h2' });
      const [m1, m2, m3, m4] = marks;
      expect(statements.map((s) => s.sql)).to.deep.equal(
        Array(2).fill(
          `update "machine_compliance" set "last_contact_at" = ${m1}, "compliant" = ${m2} where "machine_id" = ${m3} and "state_hash" = ${m4}`,
        ),
      );
      expect(statements.map((s) => s.parameters)).to.deep.equal([
        ['t1', 1, 'm1', 'h1'],
        ['t2', 1, 'm2', 'h2'],
      ]);
    }
  });

  it('runs inside a transaction of the database it was first compiled for', async () => {
    const { db, statements } = recordingKysely<ComplianceDatabase>('sqlite');
    await touch(db, { stateHash: 'h1', machineId: 'm1', nowIso: 't1' });
    await db.transaction().execute((trx) => touch(trx, { stateHash: 'h2', machineId: 'm2', nowIso: 't2' }));
    expect(statements.filter((s) => s.sql.startsWith('update')).map((s) => s.parameters)).to.deep.equal([
      ['t1', 1, 'm1', 'h1'],
      ['t2', 1, 'm2', 'h2'],
    ]);
  });
});
