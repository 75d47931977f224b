// Request counting and latency percentiles for the fleet simulator.
import type { RequestKind } from '../client/server-client';

export const KINDS: readonly RequestKind[] = ['enroll', 'escrow', 'status', 'rotated'];

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export class RequestStats {
  readonly #latencies = new Map<RequestKind, number[]>(KINDS.map((k) => [k, []]));
  readonly errorsByStatus = new Map<number, number>();
  errors = 0;

  record(kind: RequestKind, ms: number, status: number): void {
    this.#latencies.get(kind)?.push(ms);
    if (status === 0 || status >= 400) {
      this.errors++;
      this.errorsByStatus.set(status, (this.errorsByStatus.get(status) ?? 0) + 1);
    }
  }

  total(): number {
    return [...this.#latencies.values()].reduce((n, l) => n + l.length, 0);
  }

  counts(): Record<RequestKind, number> {
    return Object.fromEntries(KINDS.map((k) => [k, this.#latencies.get(k)?.length ?? 0])) as Record<
      RequestKind,
      number
    >;
  }

  latencies(): Record<RequestKind | 'all', LatencySummary> {
    const all = [...this.#latencies.values()].flat();
    return {
      ...(Object.fromEntries(KINDS.map((k) => [k, summarize(this.#latencies.get(k) ?? [])])) as Record<
        RequestKind,
        LatencySummary
      >),
      all: summarize(all),
    };
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
  };
}
