// How many key lookups a person and an address may make, per portal, in a sliding window. Key id
// prefixes are guessable (mbam-server.md §9.2 "Lookup hardening"), so lookups are limited; the
// 48-digit password itself is not. Defaults, overridable in the configuration (`rateLimits`):
//
//   helpdesk    60 per user and 300 per address per hour  (a busy help desk shares one proxy address)
//   selfservice 10 per user and 100 per address per hour  (an employee needs one or two keys a year)
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
  { helpdesk: Type.Optional(RateLimit), selfservice: Type.Optional(RateLimit) },
  { additionalProperties: false, description: 'key lookup limits per user and per client address' },
);
export type RateLimitsConfig = Static<typeof RateLimitsConfig>;

export type RateLimitScope = 'helpdesk' | 'selfservice';

export const DEFAULT_RATE_LIMITS: Record<RateLimitScope, RateLimit> = Object.freeze({
  helpdesk: { perUser: 60, perAddress: 300, windowSeconds: 3600 },
  selfservice: { perUser: 10, perAddress: 100, windowSeconds: 3600 },
});

export function effectiveRateLimits(config: RateLimitsConfig | undefined): Record<RateLimitScope, RateLimit> {
  return {
    helpdesk: config?.helpdesk ?? DEFAULT_RATE_LIMITS.helpdesk,
    selfservice: config?.selfservice ?? DEFAULT_RATE_LIMITS.selfservice,
  };
}
