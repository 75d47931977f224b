// One mutation of a valid request (what changed, the answer it must get, the request itself), and
// the seeded random numbers that choose it.
import type { Outcome } from './inputs';
import type { RequestBuilder, Sent } from './requests';

export interface Mutation {
  what: string;
  outcome: Outcome;
  sent: Sent;
}

/** mulberry32: small, seeded, good enough to pick mutations reproducibly. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, pick: <T>(items: readonly T[]): T => items[int(items.length)]! };
}
export type Rng = ReturnType<typeof prng>;

/** Makes one mutation, or null when the route has nothing this kind can change. */
export type Generator = (b: RequestBuilder, rng: Rng) => Mutation | null;

export const show = (value: unknown): string => {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s;
};
