// Durations on the command line: `30m`, `12h`, `7d`, `2w` or plain seconds.
import { UserError, truncateForMessage } from '../errors';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Every duration has a ceiling: without one, `99999999w` overflowed the date it was added to (a
 * RangeError, reported as a bug) and `10000000w` made an expiry in year +193680, whose ISO string sorts
 * before today's and so read as already expired. A century is far beyond any sensible value.
 */
export const MAX_DURATION_SECONDS = 100 * 365 * UNIT_SECONDS.d!;

export function parseDurationSeconds(
  value: string,
  flag: string,
  max: { seconds: number; text: string } = { seconds: MAX_DURATION_SECONDS, text: '36500d' },
): number {
  const match = /^(\d+)([smhdw]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0 || seconds > max.seconds) {
    throw new UserError(
      'invalid_argument',
      `${flag} must be a positive duration such as 30m, 12h, 7d or 2w, at most ${max.text} (got "${truncateForMessage(value)}").`,
      { field: flag },
    );
  }
  return seconds;
}
