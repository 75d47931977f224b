// How a unit of work gets its transaction. PostgreSQL and SQL Server run transactions concurrently,
// so each unit gets its own. SQLite has a single writer and (for the Recovery Database) an fsync per
// commit, so there the units that arrive together share one transaction (group commit), and every
// caller is answered only after the shared commit — an acknowledged escrow is still durable.
// Failures are rare (a replayed proof, a conflicting escrow), so the batch runs optimistically: if any
// unit throws, the whole batch rolls back and each unit runs again in a transaction of its own, so a
// failing unit takes nobody else with it. Units are plain database work and may run twice.
import type { Kysely } from 'kysely';
import type { DialectName } from './connection';

export type Transact<DB> = <T>(work: (trx: Kysely<DB>) => Promise<T>) => Promise<T>;

export function createTransact<DB>(db: Kysely<DB>, dialect: DialectName): Transact<DB> {
  if (dialect !== 'sqlite') return (work) => db.transaction().execute(work);
  return groupCommit(db);
}

interface Pending<DB> {
  work: (trx: Kysely<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The most units one commit carries; bounds what a large burst adds to its first unit's latency. */
const MAX_BATCH = 256;

function groupCommit<DB>(db: Kysely<DB>): Transact<DB> {
  let queue: Pending<DB>[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      let results: unknown[] | undefined;
      try {
        results = await db.transaction().execute(async (trx) => {
          const values = [];
          for (const unit of batch) values.push(await unit.work(trx));
          return values;
        });
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        else await runAlone(batch);
        continue;
      }
      batch.forEach((unit, i) => unit.resolve(results[i]));
    }
    draining = false;
  }

  async function runAlone(batch: Pending<DB>[]): Promise<void> {
    for (const unit of batch) {
      try {
        unit.resolve(await db.transaction().execute((trx) => unit.work(trx)));
      } catch (error) {
        unit.reject(error);
      }
    }
  }

  return <T>(work: (trx: Kysely<DB>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) {
        draining = true;
        // Let the requests already parsed in this turn of the event loop join the batch.
        setImmediate(() => void drain());
      }
    });
}
