// A load generator on loopback: closed loop (fixed concurrency, as fast as possible) and open loop
// (a fixed arrival rate, for latency at a given load). Requests are prepared before timing starts.
import { Agent, request } from 'undici';

export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<number, number>;
}

function summarize(
  latencies: number[],
  errors: number,
  seconds: number,
  statuses: Record<number, number>,
): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    statuses,
  };
}

async function send(
  dispatcher: Agent,
  base: string,
  r: PreparedRequest,
  okStatus: number[],
  statuses: Record<number, number>,
): Promise<boolean> {
  const response = await request(`${base}${r.path}`, {
    method: 'POST',
    headers: r.headers,
    body: r.body,
    dispatcher,
  });
  await response.body.dump();
  statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
  return okStatus.includes(response.statusCode);
}

export async function closedLoop(
  base: string,
  prepared: PreparedRequest[],
  concurrency: number,
  okStatus: number[],
): Promise<LoadResult> {
  const dispatcher = new Agent({ connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < prepared.length; i = next++) {
        const t = performance.now();
        const ok = await send(dispatcher, base, prepared[i]!, okStatus, statuses).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await dispatcher.close();
  return summarize(latencies, errors, seconds, statuses);
}

export async function openLoop(
  base: string,
  prepared: PreparedRequest[],
  ratePerSecond: number,
  okStatus: number[],
): Promise<LoadResult> {
  const dispatcher = new Agent({ connections: 64, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < prepared.length; i++) {
    // Latency is measured from when the request *should* have been sent, so a stalled server
    // cannot hide its queueing (no coordinated omission).
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      send(dispatcher, base, prepared[i]!, okStatus, statuses)
        .catch(() => false)
        .then((ok) => {
          latencies.push(performance.now() - due);
          if (!ok) errors++;
        }),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  await dispatcher.close();
  return summarize(latencies, errors, seconds, statuses);
}
