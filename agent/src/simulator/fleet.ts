// The fleet simulator: N simulated machines, each with its own agent, against one server. Phase 1 runs
// every agent's first cycle (enroll, escrow, encrypt, report); phase 2 sends status reports at `rate`
// per second for `duration` seconds (or one more report per agent), each with the full escrow
// reconciliation, and rotates whatever the server names. The benchmarks call `runFleet` directly.
import { randomBytes } from 'node:crypto';
import { Agent } from '../service/agent';
import { memoryConfigSource } from '../service/config';
import { createLogger } from '../service/log';
import { MemoryStateStore } from '../service/state-store';
import { SimulatedMachine } from '../platform/simulated/machine';
import { newGuid } from '../platform/simulated/random-ids';
import type { SimulatedVolumeSpec } from '../platform/simulated/volume-state';
import { FVE_KEY, MDOP_KEY } from '../policy/registry-names';
import { RequestStats, type LatencySummary } from './stats';
import type { RequestKind } from '../client/server-client';

export interface FleetOptions {
  readonly clients: number;
  readonly serverUrl: string;
  readonly token: string;
  /** status reports per second in phase 2; default: as fast as `concurrency` allows */
  readonly rate?: number;
  /** seconds of phase 2; default: one more report per agent */
  readonly duration?: number;
  /** agents working at the same time; default 64 */
  readonly concurrency?: number;
  /** share of machines with a fixed data drive as well; default 0.25 */
  readonly fixedDriveShare?: number;
  /** marks a key disclosed (a test server's `discloseKey`): then `discloseShare` of the OS keys are rotated in phase 2 */
  readonly discloseKey?: (keyProtectorId: string) => Promise<void>;
  readonly discloseShare?: number;
  readonly onProgress?: (progress: FleetProgress) => void;
  readonly fetch?: typeof fetch;
}

export interface FleetProgress {
  readonly phase: 'enroll' | 'report';
  readonly done: number;
  readonly total: number;
  readonly requests: number;
  readonly errors: number;
}

export interface FleetSummary {
  readonly clients: number;
  readonly enrolled: number;
  readonly requests: Record<RequestKind, number> & { readonly total: number };
  readonly errors: number;
  readonly errorsByStatus: Record<string, number>;
  /** cycles that ended other than `ok`, and the first few errors and warnings the agents logged */
  readonly failedCycles: number;
  readonly firstErrors: readonly string[];
  readonly rotations: number;
  readonly latencyMs: Record<RequestKind | 'all', LatencySummary>;
  readonly elapsedSeconds: number;
  readonly requestsPerSecond: number;
}

const POLICY = {
  [MDOP_KEY]: {
    UseMBAMServices: 1,
    UseKeyRecoveryService: 1,
    KeyRecoveryOptions: 0,
    ClientWakeupFrequency: 90,
    StatusReportingFrequency: 720,
    ShouldEncryptOSDrive: 1,
    OSDriveProtector: 1,
    ShouldEncryptFixedDataDrive: 1,
  },
  [FVE_KEY]: { EncryptionMethodWithXtsOs: 7, EncryptionMethodWithXtsFdv: 7 },
};

interface Member {
  readonly machine: SimulatedMachine;
  readonly agent: Agent;
  clock: number;
}

export async function runFleet(options: FleetOptions): Promise<FleetSummary> {
  const stats = new RequestStats();
  const firstErrors: string[] = [];
  // Warnings too: an agent that cannot reach the server only warns (it will try again later), and
  // that is the first thing a run against a wrong --server should say. A healthy run logs neither.
  const log = createLogger({
    level: 'warn',
    sinks: [(e) => void (firstErrors.length < 10 && firstErrors.push(`${e.event}: ${e.message}`))],
  });
  const concurrency = options.concurrency ?? 64;
  const started = performance.now();
  let failedCycles = 0;
  let rotations = 0;

  // A fleet's computers are new to the server: a run prefix keeps a second run from re-enrolling the first's.
  const run = randomBytes(2).toString('hex').toUpperCase();
  const members: Member[] = Array.from({ length: options.clients }, (_, i) => {
    const member = { clock: Date.now() } as Member;
    const name = `SIM-${run}-${String(i + 1).padStart(6, '0')}`;
    const volumes: SimulatedVolumeSpec[] = [
      { volumeId: newGuid(), mountPoint: 'C:', driveType: 'OperatingSystem' },
    ];
    if (i < options.clients * (options.fixedDriveShare ?? 0.25))
      volumes.push({ volumeId: newGuid(), mountPoint: 'D:', driveType: 'FixedData' });
    const machine = new SimulatedMachine({
      identity: { computerName: name },
      volumes,
      registry: POLICY,
      now: () => member.clock,
      encryptionPercentPerMinute: 5,
    });
    const config = memoryConfigSource({
      serverUrl: options.serverUrl,
      enrollmentToken: options.token,
      stateDirectory: '/simulated',
      // The keys escrowed are simulated: a lab server on plain http (what --server's example shows) is
      // fine, where a real agent would refuse it. Without this, `--server http://lab:8080` failed inside
      // the run with a message about a configuration file the simulator does not have.
      allowInsecureHttp: true,
    });
    const agent = new Agent({
      platform: machine,
      store: new MemoryStateStore(),
      config,
      log,
      now: () => new Date(member.clock),
      fetch: options.fetch,
      observe: (k, ms, s) => stats.record(k, ms, s),
    });
    return Object.assign(member, { machine, agent });
  });

  const progress = (phase: FleetProgress['phase'], done: number, total: number) =>
    options.onProgress?.({ phase, done, total, requests: stats.total(), errors: stats.errors });

  const cycle = async (m: Member, forceStatus: boolean) => {
    const r = await m.agent.runCycle({ forceStatus });
    if (r.outcome !== 'ok') failedCycles++;
    rotations += r.rotated.length;
  };

  // Phase 1: every agent's first cycle.
  let done = 0;
  await pool(members, concurrency, async (m) => {
    await cycle(m, false);
    progress('enroll', ++done, members.length);
  });
  const enrolled = members.filter((m) =>
    m.machine.changes.some((c) => c.startsWith('startEncryption')),
  ).length;

  // Machines move on: encryption finishes; some keys are disclosed by the help desk.
  for (const m of members) m.clock += 3 * 3_600_000;
  if (options.discloseKey && options.discloseShare) {
    const chosen = members.slice(0, Math.round(members.length * options.discloseShare));
    for (const m of chosen) {
      const os = [...m.machine.volumes.values()].find((v) => v.driveType === 'OperatingSystem');
      const id = os?.protectors.find((p) => p.type === 'NumericalPassword')?.id;
      if (id) await options.discloseKey(id);
    }
  }

  // Phase 2: status reports at the requested rate.
  const reports =
    options.duration && options.rate ? Math.round(options.duration * options.rate) : members.length;
  const phaseStart = performance.now();
  done = 0;
  await poolCount(reports, concurrency, async (i) => {
    if (options.rate) {
      const due = phaseStart + (i / options.rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const m = members[i % members.length]!;
    m.clock += 60_000;
    await cycle(m, true);
    progress('report', ++done, reports);
  });

  const elapsedSeconds = (performance.now() - started) / 1000;
  const counts = stats.counts();
  return {
    clients: options.clients,
    enrolled,
    requests: { ...counts, total: stats.total() },
    errors: stats.errors,
    errorsByStatus: Object.fromEntries([...stats.errorsByStatus].map(([s, n]) => [String(s), n])),
    failedCycles,
    firstErrors,
    rotations,
    latencyMs: stats.latencies(),
    elapsedSeconds: Math.round(elapsedSeconds * 100) / 100,
    requestsPerSecond: Math.round(stats.total() / elapsedSeconds),
  };
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  await poolCount(items.length, limit, (i) => work(items[i]!));
}

/**
 * Runs `work(0)` … `work(count - 1)` with at most `limit` at a time, without a list of the indexes:
 * --rate × --duration may be 86 400 000 000 reports, more than an array can hold (it was a RangeError).
 */
export async function poolCount(
  count: number,
  limit: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
