// @ts-check
// Runs in the worker thread started by proof-signatures.ts: checks each batch of device proof
// signatures it is sent, in order, and answers with their verdicts.
import { parentPort } from 'node:worker_threads';
import { createSignatureChecker } from './device-key.mjs';

/** @typedef {import('./proof-signatures').SignatureBatch} SignatureBatch */
/** @typedef {import('./proof-signatures').SignatureVerdicts} SignatureVerdicts */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const check = createSignatureChecker();

port.on('message', (/** @type {SignatureBatch | 'stop'} */ message) => {
  if (message === 'stop') {
    port.close();
    return;
  }
  /** @type {SignatureVerdicts} */
  const answer = { batch: message.batch, verdicts: message.checks.map(check) };
  port.postMessage(answer);
});
