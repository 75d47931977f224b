// How a unit of work gets its transaction. PostgreSQL and SQL Server run transactions concurrently,
// so each unit gets its own. SQLite has a single writer and (for the Recovery Database) an fsync per
// commit, so there the units that arrive together share one transaction (group commit): each runs
// inside its own savepoint, so a refused or failing unit rolls back alone, and every caller is
// answered only after the shared commit — an acknowledged escrow is still durable.
import { type Kysely, sql } from 'kysely';
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
      const outcomes = new Map<Pending<DB>, { ok: true; value: unknown } | { ok: false; error: unknown }>();
      try {
        await db.transaction().execute(async (trx) => {
          for (const unit of batch) {
            await sql`savepoint unit`.execute(trx);
            try {
              outcomes.set(unit, { ok: true, value: await unit.work(trx) });
            } catch (error) {
              await sql`rollback to savepoint unit`.execute(trx);
              outcomes.set(unit, { ok: false, error });
            }
            await sql`release savepoint unit`.execute(trx);
          }
        });
      } catch (error) {
        for (const unit of batch) unit.reject(error);
        continue;
      }
      for (const unit of batch) {
        const outcome = outcomes.get(unit)!;
        if (outcome.ok) unit.resolve(outcome.value);
        else unit.reject(outcome.error);
      }
    }
    draining = false;
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
