// SQLite checkpoints a WAL inside whichever commit grows it past `wal_autocheckpoint` pages (1,000 by
// default): the pages are copied into the database file and both files are fsynced. better-sqlite3
// runs that commit on the event loop, so every request in flight waits for the disk. The server
// therefore lets one worker thread, with connections of its own, checkpoint each SQLite file every
// quarter of a second (wal-checkpoint-worker.mjs); measured, that is about +7 % status reports per
// second, and a p99 at 500 reports/s of 3–7 ms instead of 9–10 (README "Benchmarks").
//
// The server's own connections still checkpoint, but only past WAL_PAGES_BEFORE_SERVER_CHECKPOINTS:
// under a steady stream of commits the worker's PASSIVE checkpoint rarely finds a moment with nothing
// new in the WAL, and only a checkpoint that copied everything lets the next commit start the WAL
// over. The server's connection is the only writer, so its checkpoint completes (or, should the worker
// be checkpointing at that moment, the next commit's does), and little is left for it to copy. If the
// worker fails, the server's connections go back to SQLite's default.
import { type Kysely, sql } from 'kysely';
import { startWorkerThread } from '../shared/worker-thread';
import type { ConnectionTarget } from './connection';

export interface CheckpointWorkerData {
  paths: string[];
  intervalMs: number;
}

/** A row of `PRAGMA wal_checkpoint`: frames in the WAL, frames now in the database file, lock busy. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export type CheckpointWorkerMessage =
  { kind: 'ready' } | ({ kind: 'checkpointed'; path: string } & CheckpointResult);

/** About 40 MiB of WAL at SQLite's 4 KiB pages. */
export const WAL_PAGES_BEFORE_SERVER_CHECKPOINTS = 10_000;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

export interface ServerDatabase {
  db: Kysely<unknown>;
  target: ConnectionTarget;
}

export interface WalCheckpointOptions {
  intervalMs?: number;
  /** The worker could not start, or stopped; the server's connections checkpoint as SQLite does by default. */
  onFailure: (error: Error) => void;
  onCheckpoint?: (result: CheckpointResult & { path: string }) => void;
  /** the worker's module; tests give one that fails */
  worker?: URL;
}

export interface WalCheckpoints {
  /** The worker's last checkpoints run, it closes its connections, and this resolves once it has. */
  stop(): Promise<void>;
}

const NOTHING_TO_STOP: WalCheckpoints = { stop: async () => {} };

/** For the SQLite files among the databases; other dialects, and `:memory:`, have nothing to checkpoint here. */
export async function checkpointInBackground(
  databases: ServerDatabase[],
  options: WalCheckpointOptions,
): Promise<WalCheckpoints> {
  const files = databases.flatMap(({ db, target }) =>
    target.dialect === 'sqlite' && target.path !== ':memory:' ? [{ db, path: target.path }] : [],
  );
  if (files.length === 0) return NOTHING_TO_STOP;
  const autocheckpoint = (pages: number) =>
    Promise.all(files.map(({ db }) => sql.raw(`PRAGMA wal_autocheckpoint = ${pages}`).execute(db)));
  const workerData: CheckpointWorkerData = {
    paths: files.map(({ path }) => path),
    intervalMs: options.intervalMs ?? 250,
  };
  let settleStart!: (ready: boolean) => void;
  const started = new Promise<boolean>((resolve) => (settleStart = resolve));
  const thread = startWorkerThread<CheckpointWorkerMessage>(
    options.worker ?? new URL('./wal-checkpoint-worker.mjs', import.meta.url),
    {
      name: 'WAL checkpoint',
      workerData,
      // Its heap stays under a few MB; V8's default young generation alone would add about 15 MB of RSS.
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 },
      onMessage: (message) => {
        if (message.kind === 'ready') settleStart(true);
        else options.onCheckpoint?.(message);
      },
      onFailure: (error, stopping) => {
        settleStart(false);
        // While stopping, the databases are about to close: only say what went wrong.
        if (stopping) return options.onFailure(error);
        autocheckpoint(SQLITE_DEFAULT_AUTOCHECKPOINT).then(
          () => options.onFailure(error),
          () => options.onFailure(error), // a database is closed: nothing is left to checkpoint
        );
      },
    },
  );
  if (!thread) return NOTHING_TO_STOP;
  // Until it is ready, the start is what the process waits for; after, a checkpointer left running
  // never keeps a process alive.
  thread.ref();
  if (await started) await autocheckpoint(WAL_PAGES_BEFORE_SERVER_CHECKPOINTS);
  thread.unref();

  return { stop: () => thread.stop() };
}
