// Durations on the command line: `30m`, `12h`, `7d`, `2w` or plain seconds.
import { UserError, truncateForMessage } from '../errors';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

export function parseDurationSeconds(value: string, flag: string): number {
  const match = /^(\d+)([smhdw]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new UserError(
      'invalid_argument',
      `${flag} must be a positive duration such as 30m, 12h, 7d or 2w (got "${truncateForMessage(value)}").`,
      { field: flag },
    );
  }
  return seconds;
}
