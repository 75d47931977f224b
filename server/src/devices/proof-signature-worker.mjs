// @ts-check
// Runs in the worker thread started by proof-signatures.ts: checks each batch of device proof
// signatures it is sent, in order, and answers with their verdicts a few at a time, so the first
// requests of a large batch go on while the worker checks the rest (measured: +4 % status reports/s).
import { parentPort } from 'node:worker_threads';
import { createSignatureChecker } from './device-key.mjs';

/** @typedef {import('./proof-signatures').SignatureBatch} SignatureBatch */
/** @typedef {import('./proof-signatures').SignatureVerdicts} SignatureVerdicts */

/** ~0.4 ms of ECDSA on the 2-core machine the benchmarks run on; 2, 6 and 8 measured the same. */
const VERDICTS_PER_ANSWER = 4;

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const check = createSignatureChecker();

port.on('message', (/** @type {SignatureBatch | 'stop'} */ message) => {
  if (message === 'stop') {
    port.close();
    return;
  }
  const { batch, checks } = message;
  for (let first = 0; first < checks.length; first += VERDICTS_PER_ANSWER) {
    /** @type {SignatureVerdicts} */
    const answer = { batch, first, verdicts: checks.slice(first, first + VERDICTS_PER_ANSWER).map(check) };
    port.postMessage(answer);
  }
});
