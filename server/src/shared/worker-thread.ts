// A worker thread the server runs beside its event loop (WAL checkpoints, device proof signatures),
// with the lifecycle both need and once got wrong each on its own: the first failure (it cannot be
// created, it throws, it exits unasked) is reported once, as an Error that says what failed; an idle
// worker never keeps the process alive; stop() asks it to finish and resolves once it has exited.
import { type ResourceLimits, Worker } from 'node:worker_threads';

export interface WorkerThreadOptions<M> {
  /** names the worker in errors: "the <name> worker exited with code 1" */
  name: string;
  workerData?: unknown;
  resourceLimits: ResourceLimits;
  onMessage: (message: M) => void;
  /** The first failure only; `stopping` when it came after stop() was called. */
  onFailure: (error: Error, stopping: boolean) => void;
}

export interface WorkerThread {
  post(message: unknown): void;
  /** Keeps the process alive while the caller waits for an answer; unref() once it has them all (after
   * stop() it does nothing: the worker is kept until it has exited). */
  ref(): void;
  unref(): void;
  /** Reports a worker that broke its protocol as failed, and ends it. */
  fail(error: Error): void;
  /** Sends 'stop' (the worker finishes its work and closes its port) and waits for it to exit. */
  stop(): Promise<void>;
}

/** The worker, or undefined when it could not even be created (already reported). */
export function startWorkerThread<M>(module: URL, options: WorkerThreadOptions<M>): WorkerThread | undefined {
  const asError = (thrown: unknown) =>
    thrown instanceof Error && thrown.message
      ? thrown
      : new Error(`the ${options.name} worker failed: ${JSON.stringify(thrown)}`);
  let worker: Worker;
  try {
    worker = new Worker(module, { workerData: options.workerData, resourceLimits: options.resourceLimits });
  } catch (error) {
    options.onFailure(asError(error), false);
    return undefined;
  }
  let stopping = false;
  let failed = false;
  const fail = (thrown: unknown) => {
    if (failed) return;
    failed = true;
    options.onFailure(asError(thrown), stopping);
    void worker.terminate();
  };
  worker.on('message', options.onMessage);
  worker.on('error', fail);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!stopping || code !== 0) fail(new Error(`the ${options.name} worker exited with code ${code}`));
      resolve();
    }),
  );
  // After the listeners: adding the first 'message' listener refs a worker again.
  worker.unref();
  return {
    post: (message) => worker.postMessage(message),
    ref: () => worker.ref(),
    // Once stopping, the wait for its exit keeps the process alive, whatever answer comes in meanwhile.
    unref: () => {
      if (!stopping) worker.unref();
    },
    fail,
    async stop() {
      if (!stopping && !failed) {
        worker.ref(); // the wait for its exit must keep the process alive
        worker.postMessage('stop');
      }
      stopping = true;
      await exited;
    },
  };
}
