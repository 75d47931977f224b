// Sliding-window rate limiting in the database. One transaction locks each bucket's row (an UPDATE,
// so checks of one bucket from every instance queue up on PostgreSQL and SQL Server; SQLite has one
// writer anyway), records the attempt and counts the bucket's attempts in the window, so racing
// requests never get past the limit. Two first-ever checks of a bucket may race on creating its row:
// the loser retries. A refused attempt is rolled back and does not count, so a person locked out is
// let in again once the oldest allowed attempt leaves the window; `retryAfterSeconds` says when.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ComplianceDatabase } from '../db/compliance-database';
import { isoAfter, isoNow } from '../shared/clock';
import { isUniqueViolation } from '../shared/unique-violation';
import type { RateLimit, RateLimitScope } from './limits';
import * as repo from './rate-limit-repository';

export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      limitedBy: 'user' | 'address';
      limit: number;
      windowSeconds: number;
      retryAfterSeconds: number;
    };

class Refused extends Error {
  constructor(readonly decision: Extract<RateDecision, { allowed: false }>) {
    super('rate limited');
  }
}

export const rateBucket = (scope: RateLimitScope, kind: 'user' | 'address', value: string): string =>
  `${scope}:${kind}:${value.trim().toUpperCase()}`.slice(0, 400);

export async function takeAttempt(
  db: Kysely<ComplianceDatabase>,
  scope: RateLimitScope,
  who: { userName: string; clientAddress: string },
  limit: RateLimit,
  now: Date = new Date(),
): Promise<RateDecision> {
  const nowIso = isoNow(now);
  const windowStartIso = isoAfter(-limit.windowSeconds, now);
  const buckets = [
    { kind: 'user' as const, bucket: rateBucket(scope, 'user', who.userName), max: limit.perUser },
    {
      kind: 'address' as const,
      bucket: rateBucket(scope, 'address', who.clientAddress),
      max: limit.perAddress,
    },
  ];
  const attempt = () =>
    db.transaction().execute(async (trx) => {
      for (const b of buckets) {
        const id = randomUUID();
        await repo.lockBucket(trx, b.bucket, nowIso);
        await repo.deleteBefore(trx, b.bucket, windowStartIso);
        await repo.insertEvent(trx, { id, bucket: b.bucket, occurred_at: nowIso });
        const others = await repo.eventTimes(trx, b.bucket, windowStartIso, id);
        if (others.length >= b.max) {
          // the attempt is allowed again once enough of the others have left the window
          const freeing = others[others.length - b.max]!;
          const at = new Date(freeing).getTime() + limit.windowSeconds * 1000;
          throw new Refused({
            allowed: false,
            limitedBy: b.kind,
            limit: b.max,
            windowSeconds: limit.windowSeconds,
            retryAfterSeconds: Math.max(1, Math.ceil((at - now.getTime()) / 1000)),
          });
        }
      }
    });
  for (let tries = 1; ; tries++) {
    try {
      await attempt();
      return { allowed: true };
    } catch (error) {
      if (error instanceof Refused) return error.decision;
      if (!isUniqueViolation(error) || tries >= 5) throw error;
    }
  }
}
