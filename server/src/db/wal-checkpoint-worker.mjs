// @ts-check
// Runs in the worker thread started by wal-checkpoints.ts: a connection of its own to each SQLite
// file, checkpointing each WAL every interval so that the server's connections, on the event loop,
// seldom have to. PASSIVE: it copies what no reader still needs and never makes a writer wait. (A
// checkpoint fsyncs the WAL and the database file whatever the connection's `synchronous`, short of
// OFF, so this connection keeps better-sqlite3's default.)
// Plain JavaScript, type-checked from JSDoc: a worker does not inherit the tsx loader the server runs
// under, and loading tsx into it would cost about 22 MB more than the worker itself.
import { clearInterval, setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** @typedef {import('./wal-checkpoints').CheckpointWorkerData} CheckpointWorkerData */
/** @typedef {import('./wal-checkpoints').CheckpointWorkerMessage} CheckpointWorkerMessage */
/** @typedef {import('./wal-checkpoints').CheckpointResult} CheckpointResult */

const { paths, intervalMs } = /** @type {CheckpointWorkerData} */ (workerData);
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
/** @param {CheckpointWorkerMessage} message */
const post = (message) => port.postMessage(message);

/**
 * better-sqlite3's errors reach the server thread as their code alone: say what failed in a plain Error.
 * @template T
 * @param {string} what
 * @param {string} path
 * @param {() => T} run
 * @returns {T}
 */
function sqlite(what, path, run) {
  try {
    return run();
  } catch (error) {
    throw new Error(`${what} ${path} failed: ${/** @type {Error} */ (error).message}`, { cause: error });
  }
}

const connections = paths.map((path) => ({
  path,
  database: sqlite('opening', path, () => new SQLite(path, { fileMustExist: true })),
  /** frames copied by the last checkpoint that reported: an idle WAL is not reported again */
  reported: -1,
}));

function checkpoint() {
  for (const connection of connections) {
    const { path, database } = connection;
    const [result] = /** @type {CheckpointResult[]} */ (
      sqlite('checkpointing', path, () => database.pragma('wal_checkpoint(PASSIVE)'))
    );
    if (!result || result.log === 0 || result.checkpointed === connection.reported) continue;
    connection.reported = result.checkpointed;
    post({ kind: 'checkpointed', path, ...result });
  }
}

const timer = setInterval(checkpoint, intervalMs);
port.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  for (const { database } of connections) database.close();
  port.close();
});
post({ kind: 'ready' });
