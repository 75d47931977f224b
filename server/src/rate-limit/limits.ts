// How many key lookups a person and an address may make, per portal, in a sliding window. Key id
// prefixes are guessable (mbam-server.md §9.2 "Lookup hardening"), so lookups are limited; the
// 48-digit password itself is not. Local sign-in is limited the same way, against password guessing.
// Defaults, overridable in the configuration (`rateLimits`):
//
//   helpdesk    60 per user and 300 per address per hour  (a busy help desk shares one proxy address)
//   selfservice 10 per user and 100 per address per hour  (an employee needs one or two keys a year)
//   signin      10 per user name and 100 per address in 15 minutes (every attempt counts, so one
//               person is never near it; a guesser gets 40 tries an hour per account)
import { Type, type Static } from '@sinclair/typebox';

export const RateLimit = Type.Object(
  {
    perUser: Type.Integer({ minimum: 1, maximum: 100_000 }),
    perAddress: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    windowSeconds: Type.Integer({ minimum: 1, maximum: 7 * 24 * 3600 }),
  },
  { additionalProperties: false },
);
export type RateLimit = Static<typeof RateLimit>;

export const RateLimitsConfig = Type.Object(
  {
    helpdesk: Type.Optional(RateLimit),
    selfservice: Type.Optional(RateLimit),
    signin: Type.Optional(RateLimit),
  },
  {
    additionalProperties: false,
    description: 'key lookup and local sign-in limits per user and per client address',
  },
);
export type RateLimitsConfig = Static<typeof RateLimitsConfig>;

export type RateLimitScope = 'helpdesk' | 'selfservice' | 'signin';

export const DEFAULT_RATE_LIMITS: Record<RateLimitScope, RateLimit> = Object.freeze({
  helpdesk: { perUser: 60, perAddress: 300, windowSeconds: 3600 },
  selfservice: { perUser: 10, perAddress: 100, windowSeconds: 3600 },
  signin: { perUser: 10, perAddress: 100, windowSeconds: 900 },
});

export function effectiveRateLimits(config: RateLimitsConfig | undefined): Record<RateLimitScope, RateLimit> {
  return {
    helpdesk: config?.helpdesk ?? DEFAULT_RATE_LIMITS.helpdesk,
    selfservice: config?.selfservice ?? DEFAULT_RATE_LIMITS.selfservice,
    signin: config?.signin ?? DEFAULT_RATE_LIMITS.signin,
  };
}

/** "an hour", "15 minutes", "40 seconds": how long a window or a wait is, in a refusal people read. */
export function describeWindow(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'an hour' : `${seconds / 3600} hours`;
  if (seconds >= 120) return `${Math.ceil(seconds / 60)} minutes`;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}
