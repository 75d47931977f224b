// A load generator on loopback: closed loop (fixed concurrency, as fast as possible) and open loop
// (a fixed arrival rate, for latency at a given load). Requests are prepared before timing starts.
import { readFileSync } from 'node:fs';
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
  /** CPU time (user + system, all threads) per request: less noisy than throughput on a shared machine */
  serverCpuUsPerRequest?: number;
  /** of which on the server's main (event loop) thread: what bounds one process's throughput */
  serverMainThreadUsPerRequest?: number;
  clientCpuUsPerRequest: number;
  machineBusyPercent: number;
}

/**
 * CPU microseconds a process (or, with `thread`, one of its threads) has used so far
 * (Linux: utime + stime of /proc/PID/stat, in clock ticks of 10 ms).
 */
function processCpuUs(pid: number, thread?: number): number {
  const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** Busy and total jiffies of the whole machine (/proc/stat), to see whether a run had spare cores. */
function machineJiffies(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = values.map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - n[3]! - n[4]!, total };
}

/** Measures the CPU the load generator and (given its pid) the server spend on a run. */
function cpuMeter(serverPid?: number) {
  const client = process.cpuUsage();
  const server = serverPid === undefined ? 0 : processCpuUs(serverPid);
  const serverMain = serverPid === undefined ? 0 : processCpuUs(serverPid, serverPid);
  const machine = machineJiffies();
  return (requests: number) => {
    const used = process.cpuUsage(client);
    const now = machineJiffies();
    return {
      machineBusyPercent: (100 * (now.busy - machine.busy)) / (now.total - machine.total),
      clientCpuUsPerRequest: (used.user + used.system) / requests,
      ...(serverPid === undefined
        ? {}
        : {
            serverCpuUsPerRequest: (processCpuUs(serverPid) - server) / requests,
            serverMainThreadUsPerRequest: (processCpuUs(serverPid, serverPid) - serverMain) / requests,
          }),
    };
  };
}

function summarize(
  latencies: number[],
  errors: number,
  seconds: number,
  statuses: Record<number, number>,
  cpu: Pick<
    LoadResult,
    'serverCpuUsPerRequest' | 'serverMainThreadUsPerRequest' | 'clientCpuUsPerRequest' | 'machineBusyPercent'
  >,
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
    ...cpu,
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
  serverPid?: number,
): Promise<LoadResult> {
  const dispatcher = new Agent({ connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const cpu = cpuMeter(serverPid);
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
  const used = cpu(prepared.length);
  await dispatcher.close();
  return summarize(latencies, errors, seconds, statuses, used);
}

export async function openLoop(
  base: string,
  prepared: PreparedRequest[],
  ratePerSecond: number,
  okStatus: number[],
  serverPid?: number,
): Promise<LoadResult> {
  const dispatcher = new Agent({ connections: 64, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const cpu = cpuMeter(serverPid);
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
  const used = cpu(prepared.length);
  await dispatcher.close();
  return summarize(latencies, errors, seconds, statuses, used);
}
