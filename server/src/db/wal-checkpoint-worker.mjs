// @ts-check
// Runs in the worker thread started by wal-checkpoints.ts: a connection of its own to each SQLite
// file, checkpointing each WAL every interval so that the server's connections, on the event loop,
// seldom have to. PASSIVE: it copies what no reader still needs and never makes a writer wait.
// Plain JavaScript, type-checked from JSDoc: a worker does not inherit the tsx loader the server runs
// under, and loading tsx into it would cost about 22 MB more than the worker itself (10 MB).
import { clearInterval, setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** @typedef {import('./wal-checkpoints').CheckpointWorkerData} CheckpointWorkerData */
/** @typedef {import('./wal-checkpoints').CheckpointWorkerMessage} CheckpointWorkerMessage */
/** @typedef {import('./wal-checkpoints').CheckpointResult} CheckpointResult */

const { files, intervalMs } = /** @type {CheckpointWorkerData} */ (workerData);
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

const connections = files.map(({ path, synchronous }) => {
  const database = sqlite('opening', path, () => new SQLite(path, { fileMustExist: true }));
  // A checkpoint fsyncs as the connection that runs it is set to: keep the server's guarantee.
  database.pragma(`synchronous = ${synchronous}`);
  return { path, database };
});

function checkpoint() {
  for (const { path, database } of connections) {
    const [result] = /** @type {CheckpointResult[]} */ (
      sqlite('checkpointing', path, () => database.pragma('wal_checkpoint(PASSIVE)'))
    );
    if (result && result.log > 0) post({ kind: 'checkpointed', path, ...result });
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
