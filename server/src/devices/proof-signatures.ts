// The ES256 check of every device proof, on one worker thread fed a batch per turn of the event loop.
// Verifying on libuv's thread pool (crypto.verify with a callback) kept the ECDSA math off the event
// loop, but each call woke an idle pool thread, and on a virtual machine that wake-up is what the event
// loop paid for: 52–73 µs of its time per proof on average, measured around the call while serving.
// One batch wakes the worker once for all the proofs that arrived together: the server's CPU per
// status report fell by 33–53 µs and its throughput rose by 5–13 % (README "Benchmarks"). Its verdicts
// come back a few at a time: under load a batch holds half of the waiting requests, and the first of
// them go on to their database writes while the worker checks the rest.
//
// The worker is started at the first check. Should it fail to start or stop on its own, the checks it
// had and every later one run here, on the event loop: slower, the same verdicts.
import { type WorkerThread, startWorkerThread } from '../shared/worker-thread';
import { type SignatureCheck, type SignatureVerdict, createSignatureChecker } from './device-key.mjs';

export type { SignatureCheck, SignatureVerdict };

export interface SignatureBatch {
  batch: number;
  checks: SignatureCheck[];
}

/** The verdicts of checks `first`, `first + 1`, … of a batch: the worker answers a few at a time. */
export interface SignatureVerdicts {
  batch: number;
  first: number;
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

/** A batch with the worker: a check becomes undefined once it has its verdict. */
type SentBatch = Array<Pending | undefined>;

export class ProofSignatures {
  readonly #options: ProofSignaturesOptions;
  #thread: WorkerThread | undefined;
  /** the worker failed, or is stopping: checks run here */
  #inProcess = false;
  #checkHere: ((check: SignatureCheck) => SignatureVerdict) | undefined;
  #queue: Pending[] = [];
  readonly #sent = new Map<number, SentBatch>();
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
    this.#inProcess = true;
    await this.#thread?.stop();
    this.#answerHere([...this.#takeUnanswered(), ...this.#queue.splice(0)]);
  }

  #send(): void {
    const batch = this.#queue.splice(0);
    if (batch.length === 0) return;
    const thread = this.#inProcess ? undefined : (this.#thread ??= this.#start());
    if (!thread) return this.#answerHere(batch);
    const id = this.#nextBatch++;
    // A check waiting for its verdict keeps the process alive; an idle worker does not.
    if (this.#sent.size === 0) thread.ref();
    this.#sent.set(id, batch);
    const message: SignatureBatch = { batch: id, checks: batch.map((p) => p.check) };
    thread.post(message);
  }

  #start(): WorkerThread | undefined {
    return startWorkerThread<SignatureVerdicts>(
      this.#options.worker ?? new URL('./proof-signature-worker.mjs', import.meta.url),
      {
        name: 'proof signature',
        // The worker holds the imported keys and little else; V8's default young generation would add
        // about 15 MB of RSS.
        resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 64 },
        onMessage: (answer) => this.#answer(answer),
        onFailure: (error) => {
          this.#inProcess = true;
          this.#options.onFailure?.(error);
          // What it was sent and did not answer is checked here; nothing waits forever.
          this.#answerHere(this.#takeUnanswered());
        },
      },
    );
  }

  #answer(answer: SignatureVerdicts | null | undefined): void {
    if (typeof answer !== 'object' || answer === null) return this.#brokenAnswer();
    const sent = this.#sent.get(answer.batch);
    if (!sent) return; // answered already, or checked here after a failure
    const { first, verdicts } = answer;
    if (
      !Array.isArray(verdicts) ||
      !Number.isInteger(first) ||
      first < 0 ||
      first + verdicts.length > sent.length
    ) {
      return this.#brokenAnswer();
    }
    // Not forEach, which skips the holes of a sparse array: a verdict left out is made here.
    for (let i = 0; i < verdicts.length; i++) {
      const pending = sent[first + i];
      if (!pending) continue;
      sent[first + i] = undefined;
      // Anything but 'valid' refuses the proof.
      pending.resolve(verdicts[i] ?? this.#here(pending.check));
    }
    if (sent.some((pending) => pending !== undefined)) return;
    this.#sent.delete(answer.batch);
    if (this.#sent.size === 0) this.#thread?.unref();
  }

  /** A failure of the worker, which checks here everything it has not answered. */
  #brokenAnswer(): void {
    this.#thread?.fail(new Error('the proof signature worker answered without verdicts for its checks'));
  }

  #takeUnanswered(): Pending[] {
    const unanswered = [...this.#sent.values()].flat().filter((p) => p !== undefined);
    this.#sent.clear();
    return unanswered;
  }

  #answerHere(batch: Pending[]): void {
    for (const p of batch) p.resolve(this.#here(p.check));
  }

  #here(check: SignatureCheck): SignatureVerdict {
    this.#checkHere ??= createSignatureChecker();
    return this.#checkHere(check);
  }
}
