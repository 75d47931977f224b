// One mutation of a valid request: what changed, the answer it must get, the request itself.
import type { Outcome } from './inputs';
import type { Rng } from '../../test-support/seeded-random';
import type { Sent } from '../../test-support/raw-http';
import type { RequestBuilder } from './requests';

export interface Mutation {
  what: string;
  outcome: Outcome;
  sent: Sent;
}

/** Makes one mutation, or null when the route has nothing this kind can change. */
export type Generator = (b: RequestBuilder, rng: Rng) => Mutation | null;

export const show = (value: unknown): string => {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 60)}…(${s.length})` : s;
};
