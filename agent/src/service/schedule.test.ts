import { expect } from 'chai';
import type { CycleResult } from './agent';
import { createLogger } from './log';
import { runLoop } from './loop';
import { backoffMs, jittered, startupDelayMs } from './schedule';

describe('schedule and service loop', () => {
  it('delays the first cycle 1–18 minutes unless NoStartupDelay', () => {
    expect(startupDelayMs(() => 0, false)).to.equal(60_000);
    expect(startupDelayMs(() => 1, false)).to.equal(18 * 60_000);
    expect(startupDelayMs(() => 0.7, true)).to.equal(0);
  });

  it('jitters a frequency by at most 10 %', () => {
    expect(jittered(90 * 60_000, () => 0)).to.equal(81 * 60_000);
    expect(jittered(90 * 60_000, () => 1)).to.equal(99 * 60_000);
  });

  it('backs off exponentially with full jitter up to a cap', () => {
    const top = (n: number) => backoffMs(n, () => 1);
    expect([1, 2, 3, 4].map(top)).to.deep.equal([30_000, 60_000, 120_000, 240_000]);
    expect(top(50)).to.equal(3_600_000);
    expect(backoffMs(3, () => 0)).to.equal(60_000);
  });

  it('sleeps as each cycle asks: backoff while offline, the wake-up frequency otherwise', async () => {
    const outcomes: CycleResult['outcome'][] = ['offline', 'offline', 'ok', 'failed'];
    const controller = new AbortController();
    const sleeps: number[] = [];
    const agent = {
      runCycle: async (): Promise<CycleResult> => {
        const outcome = outcomes.shift() ?? 'ok';
        if (outcomes.length === 0) controller.abort();
        return { outcome, nextWakeMs: 90 * 60_000, statusSent: false, rotated: [] };
      },
    };
    await runLoop({
      agent,
      log: createLogger({ sinks: [] }),
      signal: controller.signal,
      random: () => 1,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(sleeps).to.deep.equal([18 * 60_000, 30_000, 60_000, 99 * 60_000, 30_000]);
  });
});
