// Group commit on SQLite: units that arrive together share a commit, a failing unit takes nobody
// else with it, and each caller gets its own result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from './open-database';
import { createTransact } from './transact';

interface Db {
  items: { id: string; n: number };
}

describe('transact: group commit on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openmbam-transact-'));
  let db: Kysely<Db>;
  before(async () => {
    db = openDatabase<Db>({ dialect: 'sqlite', path: join(dir, 't.db') }, 'recovery');
    await sql`create table items (id varchar(10) primary key, n integer not null)`.execute(db);
  });
  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits concurrent units together and rejects only the one that fails', async () => {
    const transact = createTransact(db, 'sqlite');
    let transactions = 0;
    const counting = (work: (trx: Kysely<Db>) => Promise<number>) =>
      transact(async (trx) => {
        transactions++;
        return work(trx);
      });
    await db.insertInto('items').values({ id: 'taken', n: 0 }).execute();
    const results = await Promise.allSettled(
      ['a', 'b', 'taken', 'c'].map((id, n) =>
        counting(async (trx) => {
          await trx.insertInto('items').values({ id, n }).execute();
          return n * 10;
        }),
      ),
    );
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).to.deep.equal([0, 10, null, 30]);
    const rows = await db.selectFrom('items').select(['id', 'n']).orderBy('id').execute();
    expect(rows).to.deep.equal([
      { id: 'a', n: 0 },
      { id: 'b', n: 1 },
      { id: 'c', n: 3 },
      { id: 'taken', n: 0 },
    ]);
    // the optimistic batch ran a, b and the failing unit (c never started), then each unit alone
    expect(transactions).to.equal(3 + 4);
  });

  it('uses one transaction for a burst that succeeds', async () => {
    const transact = createTransact(db, 'sqlite');
    const commitsBefore = (await sql<{ n: number }>`select count(*) as n from items`.execute(db)).rows[0]!.n;
    const ids = Array.from({ length: 50 }, (_, i) => `burst${i}`);
    let units = 0;
    await Promise.all(
      ids.map((id) =>
        transact(async (trx) => {
          units++;
          await trx.insertInto('items').values({ id, n: 1 }).execute();
        }),
      ),
    );
    expect(units).to.equal(50); // no unit ran twice: the burst committed as one
    const after = (await sql<{ n: number }>`select count(*) as n from items`.execute(db)).rows[0]!.n;
    expect(after - commitsBefore).to.equal(50);
  });
});
