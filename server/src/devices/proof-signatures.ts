// The ES256 check of every device proof, on one worker thread fed a batch per turn of the event loop.
// Verifying on libuv's thread pool (crypto.verify with a callback) kept the ECDSA math off the event
// loop, but each call woke an idle pool thread, and on a virtual machine that wake-up is what the event
// loop paid for: 52–73 µs of its time per proof on average, measured around the call while serving.
// One batch wakes the worker once for all the proofs that arrived together: the server's CPU per
// status report fell by 33–53 µs and its throughput rose by 5–13 % (README "Benchmarks").
//
// The worker is started at the first check. Should it fail to start or stop on its own, the checks it
// had and every later one run here, on the event loop: slower, the same verdicts.
import { Worker } from 'node:worker_threads';
import { type SignatureCheck, type SignatureVerdict, createSignatureChecker } from './device-key.mjs';

export type { SignatureCheck, SignatureVerdict };

export interface SignatureBatch {
  batch: number;
  checks: SignatureCheck[];
}

export interface SignatureVerdicts {
  batch: number;
  verdicts: SignatureVerdict[];
}

export interface ProofSignaturesOptions {
  /** The worker could not start, or stopped: the checks run on the event loop from now on. */
  onFailure?: (error: Error) => void;
  /** the worker's module; tests give one that fails */
  worker?: URL;
}

interface Pending {
  check: SignatureCheck;
  resolve: (verdict: SignatureVerdict) => void;
}

export class ProofSignatures {
  readonly #options: ProofSignaturesOptions;
  #worker: Worker | undefined;
  #exited: Promise<void> | undefined;
  /** the worker failed, or is stopping: checks run here */
  #inProcess = false;
  #closing = false;
  #failureReported = false;
  #checkHere: ((check: SignatureCheck) => SignatureVerdict) | undefined;
  #queue: Pending[] = [];
  readonly #sent = new Map<number, Pending[]>();
  #nextBatch = 0;

  constructor(options: ProofSignaturesOptions = {}) {
    this.#options = options;
  }

  check(check: SignatureCheck): Promise<SignatureVerdict> {
    if (this.#inProcess) return Promise.resolve(this.#here(check));
    return new Promise((resolve) => {
      // The checks parsed in this turn of the event loop go together.
      if (this.#queue.length === 0) setImmediate(() => this.#send());
      this.#queue.push({ check, resolve });
    });
  }

  /** Lets the worker answer what it was sent, then ends it; later checks run here. */
  async close(): Promise<void> {
    const worker = this.#worker;
    const exited = this.#exited;
    const running = !this.#inProcess;
    this.#inProcess = true;
    this.#closing = true;
    if (worker && exited) {
      if (running) {
        worker.ref(); // an idle worker is unref'd: the wait for its exit must keep the process alive
        worker.postMessage('stop');
      }
      await exited;
    }
    this.#answerHere(this.#queue.splice(0));
  }

  #send(): void {
    const batch = this.#queue.splice(0);
    if (batch.length === 0) return;
    const worker = this.#inProcess ? undefined : (this.#worker ?? this.#start());
    if (!worker) return this.#answerHere(batch);
    const id = this.#nextBatch++;
    // A check waiting for its verdict keeps the process alive; an idle worker does not.
    if (this.#sent.size === 0) worker.ref();
    this.#sent.set(id, batch);
    const message: SignatureBatch = { batch: id, checks: batch.map((p) => p.check) };
    worker.postMessage(message);
  }

  #start(): Worker | undefined {
    let worker: Worker;
    try {
      // The worker holds the imported keys and little else; V8's default young generation would add
      // about 15 MB of RSS.
      const resourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 64 };
      worker = new Worker(this.#options.worker ?? new URL('./proof-signature-worker.mjs', import.meta.url), {
        resourceLimits,
      });
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
    worker.on('message', ({ batch, verdicts }: SignatureVerdicts) => {
      const pending = this.#sent.get(batch);
      if (!pending) return;
      this.#sent.delete(batch);
      if (this.#sent.size === 0) worker.unref();
      if (!Array.isArray(verdicts)) {
        this.#fail(new Error('the proof signature worker answered without verdicts'));
        return this.#answerHere(pending);
      }
      // A verdict the worker left out is made here; anything but 'valid' refuses the proof.
      pending.forEach((p, i) => p.resolve(verdicts[i] ?? this.#here(p.check)));
    });
    worker.on('error', (error) => this.#fail(error));
    this.#exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        if (!this.#closing || code !== 0)
          this.#fail(new Error(`the proof signature worker exited with code ${code}`));
        // What it was sent and did not answer is checked here; nothing waits forever.
        for (const batch of this.#sent.values()) this.#answerHere(batch);
        this.#sent.clear();
        resolve();
      }),
    );
    // Idle until the first batch is sent (after the listeners: the first 'message' listener refs it).
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  /** Reports the first failure (also one while closing) and leaves the checks to the event loop. */
  #fail(thrown: unknown): void {
    const wasRunning = !this.#inProcess;
    this.#inProcess = true;
    if (this.#failureReported) return;
    this.#failureReported = true;
    const error =
      thrown instanceof Error && thrown.message
        ? thrown
        : new Error(`the proof signature worker failed: ${JSON.stringify(thrown)}`);
    this.#options.onFailure?.(error);
    if (wasRunning && this.#worker) void this.#worker.terminate();
  }

  #answerHere(batch: Pending[]): void {
    for (const p of batch) p.resolve(this.#here(p.check));
  }

  #here(check: SignatureCheck): SignatureVerdict {
    this.#checkHere ??= createSignatureChecker();
    return this.#checkHere(check);
  }
}
