// How status reports reach the Compliance and Audit Database. PostgreSQL and SQL Server take one
// transaction per report (they run transactions concurrently). SQLite has one writer, so there the
// reports that arrive together are written in one transaction (group commit) — each inside its own
// savepoint, so a refused report (a replayed proof) or a failing one rolls back alone — and every
// caller is answered after that one commit.
import { type Kysely, sql } from 'kysely';
import type { ComplianceDatabase } from '../db/compliance-database';
import type { DialectName } from '../db/connection';
import type { DeviceContext } from '../devices/device-proof-verifier';
import type { StatusRequest } from '../protocol';
import { writeStatus } from './status-service';

export interface StatusWriter {
  write(device: DeviceContext, report: StatusRequest, now: Date): Promise<void>;
}

export function createStatusWriter(db: Kysely<ComplianceDatabase>, dialect: DialectName): StatusWriter {
  return dialect === 'sqlite' ? new GroupCommitStatusWriter(db) : new TransactionPerReportWriter(db);
}

class TransactionPerReportWriter implements StatusWriter {
  readonly #db: Kysely<ComplianceDatabase>;
  constructor(db: Kysely<ComplianceDatabase>) {
    this.#db = db;
  }
  write(device: DeviceContext, report: StatusRequest, now: Date): Promise<void> {
    return this.#db.transaction().execute((trx) => writeStatus(trx, device, report, now));
  }
}

interface Pending {
  device: DeviceContext;
  report: StatusRequest;
  now: Date;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The most reports one commit carries; bounds the latency a large burst adds to its first report. */
const MAX_BATCH = 256;

export class GroupCommitStatusWriter implements StatusWriter {
  readonly #db: Kysely<ComplianceDatabase>;
  #queue: Pending[] = [];
  #flushing = false;

  constructor(db: Kysely<ComplianceDatabase>) {
    this.#db = db;
  }

  write(device: DeviceContext, report: StatusRequest, now: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ device, report, now, resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        // Let the requests already parsed in this turn of the event loop join the batch.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      const failures = new Map<Pending, unknown>();
      try {
        await this.#db.transaction().execute(async (trx) => {
          for (const item of batch) {
            await sql`savepoint report`.execute(trx);
            try {
              await writeStatus(trx, item.device, item.report, item.now);
              await sql`release savepoint report`.execute(trx);
            } catch (error) {
              await sql`rollback to savepoint report`.execute(trx);
              await sql`release savepoint report`.execute(trx);
              failures.set(item, error);
            }
          }
        });
      } catch (error) {
        for (const item of batch) item.reject(error);
        continue;
      }
      for (const item of batch) {
        if (failures.has(item)) item.reject(failures.get(item));
        else item.resolve();
      }
    }
    this.#flushing = false;
  }
}
