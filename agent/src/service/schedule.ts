// When the agent wakes: a random start-up delay (MBAM 2.5: 1–18 minutes, skipped with NoStartupDelay),
// the policy's frequency with ±10 % jitter so a fleet does not call in step, and exponential backoff with
// full jitter and a cap while the server cannot be reached. Pure functions of their inputs.

const MINUTE = 60_000;

export function startupDelayMs(random: () => number, noStartupDelay: boolean): number {
  return noStartupDelay ? 0 : Math.round(MINUTE + random() * 17 * MINUTE);
}

export function jittered(ms: number, random: () => number): number {
  return Math.round(ms * (0.9 + 0.2 * random()));
}

export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, capMs: 60 * MINUTE };

/** After `failures` consecutive failures (≥ 1): between half and all of min(cap, base·2^(failures−1)). */
export function backoffMs(
  failures: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
