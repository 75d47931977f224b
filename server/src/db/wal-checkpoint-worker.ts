// Runs in a worker thread started by wal-checkpoints.ts: a connection of its own to one SQLite file
// that checkpoints the WAL every interval, so that the server's connection, on the event loop, seldom
// has to. PASSIVE: it copies what no reader still needs and never makes a writer wait.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { CheckpointResult, CheckpointWorkerData, CheckpointWorkerMessage } from './wal-checkpoints';

const { path, synchronous, intervalMs } = workerData as CheckpointWorkerData;
const port = parentPort!;
const post = (message: CheckpointWorkerMessage) => port.postMessage(message);

// better-sqlite3's errors reach the server thread as their code alone: say what failed in a plain Error.
function sqlite<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`${what} ${path} failed: ${(error as Error).message}`, { cause: error });
  }
}

const database = sqlite('opening', () => new SQLite(path, { fileMustExist: true }));
// A checkpoint fsyncs as the connection that runs it is set to: keep the server's guarantee.
database.pragma(`synchronous = ${synchronous}`);

function checkpoint(): void {
  const [result] = sqlite('checkpointing', () =>
    database.pragma('wal_checkpoint(PASSIVE)'),
  ) as CheckpointResult[];
  if (result && result.log > 0) post({ kind: 'checkpointed', ...result });
}

const timer = setInterval(checkpoint, intervalMs);
port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  database.close();
  port.close();
});
post({ kind: 'ready' });
