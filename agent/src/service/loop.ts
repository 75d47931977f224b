// The service loop: wait the start-up delay, then run cycles forever, sleeping as each result asks
// (backing off while the server is unreachable or a cycle failed), until `signal` aborts.
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Agent, CycleResult } from './agent';
import type { Logger } from './log';
import { backoffMs, jittered, startupDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './schedule';

export interface LoopOptions {
  readonly agent: Pick<Agent, 'runCycle'>;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly noStartupDelay?: boolean;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly backoff?: BackoffOptions;
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  sleepFor(ms, undefined, { signal }).catch(() => undefined);

export async function runLoop(options: LoopOptions): Promise<void> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const { log, signal } = options;
  const first = startupDelayMs(random, options.noStartupDelay ?? false);
  log.info('service.started', `Agent started; first cycle in ${Math.round(first / 1000)} s.`);
  await sleep(first, signal);
  let failures = 0;
  while (!signal.aborted) {
    const result: CycleResult = await options.agent.runCycle();
    const troubled = result.outcome === 'offline' || result.outcome === 'failed';
    failures = troubled ? failures + 1 : 0;
    const wait = troubled
      ? Math.min(backoffMs(failures, random, options.backoff ?? DEFAULT_BACKOFF), result.nextWakeMs)
      : jittered(result.nextWakeMs, random);
    log.debug('service.sleep', `Cycle ${result.outcome}; next in ${Math.round(wait / 1000)} s.`, {
      failures,
    });
    await sleep(wait, signal);
  }
  log.info('service.stopped', 'Agent stopped.');
}
