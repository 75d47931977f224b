// What the benchmarks share: options, servers run as child processes exactly as an operator runs
// them, an enrolled fleet of simulated devices, and requests signed before timing starts.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@openmbam/server/config/load';
import { createEnrollmentToken } from '@openmbam/server/enrollment/tokens';
import { deviceProofHeader } from '@openmbam/server/protocol';
import { openServices } from '@openmbam/server/runtime/services';
import { TestDevice, randomGuid, sampleStatus } from '@openmbam/server/test-support/test-device';
import { type LoadResult, type PreparedRequest, closedLoop } from './load';

export const ROOT = join(import.meta.dirname, '..', '..');

export function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export function listOption(args: string[], name: string, fallback: number[]): number[] {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const values = String(args[i + 1])
    .split(',')
    .map(Number);
  if (values.some((v) => !Number.isSafeInteger(v) || v < 1)) {
    throw new Error(`--${name} takes positive whole numbers separated by commas, e.g. 32,128`);
  }
  return values;
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
}

export async function spawnAndWait(command: string[], env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn(process.execPath, command, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, url };
}

/** `openmbam serve` of a checkout (its server/bin/openmbam.mjs) on the embedded default in dataDir. */
export const serveOpenMbam = (bin: string, dataDir: string, nodeArgs: string[] = []) =>
  spawnAndWait([...nodeArgs, bin, 'serve', '--data-dir', dataDir, '--port', '0'], {
    OPENMBAM_LOG_LEVEL: 'warn',
  });

export async function stopServer(server: RunningServer): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited; // lets a --cpu-prof profile be written
}

/** A new data directory and an enrollment token for `devices` machines, made as `openmbam token create` would. */
export async function benchDataDir(devices: number): Promise<{ dataDir: string; token: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openmbam-bench-'));
  const services = await openServices(loadConfig({ dataDir, port: 0 }, { OPENMBAM_LOG_LEVEL: 'silent' }));
  try {
    const { token } = await createEnrollmentToken(services.dbs.recovery, {
      expiresInSeconds: 3600,
      uses: devices,
    });
    return { dataDir, token };
  } finally {
    await services.close();
  }
}

export type RequestMaker = (d: TestDevice, i: number) => { path: string; body: string };

/** Enrolls `count` devices, each with two volumes, and makes their (unchanging) status reports. */
export async function enrollFleet(url: string, token: string, count: number) {
  const devices = await Promise.all(
    Array.from({ length: count }, async () => {
      const d = await new TestDevice(url).init();
      const answer = await d.enroll(token);
      if (answer.status !== 201) throw new Error(`enrollment failed: ${JSON.stringify(answer.body)}`);
      return d;
    }),
  );
  const volumes = new Map(
    devices.map((d) => [
      d,
      [
        { volumeId: randomGuid(), keyProtectorId: randomGuid() },
        { volumeId: randomGuid(), keyProtectorId: randomGuid() },
      ],
    ]),
  );
  const statusOf: RequestMaker = (d) => ({
    path: '/api/v1/status',
    body: JSON.stringify(sampleStatus(volumes.get(d)!)),
  });
  return { devices, volumes, statusOf };
}

/** Requests signed before timing starts, round-robin over the devices. */
export async function prepare(devices: TestDevice[], count: number, make: RequestMaker) {
  const prepared: PreparedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const device = devices[i % devices.length]!;
    const { path, body } = make(device, i);
    const proof = await device.proofFor('POST', path, body);
    prepared.push({
      path,
      body,
      headers: { 'content-type': 'application/json', authorization: deviceProofHeader(proof) },
    });
  }
  return prepared;
}

/** A closed-loop run of `count` requests from freshly signed proofs. */
export const runClosedLoop = async (
  server: RunningServer,
  devices: TestDevice[],
  count: number,
  make: RequestMaker,
  ok: number,
  clients: number,
): Promise<LoadResult> =>
  closedLoop(server.url, await prepare(devices, count, make), clients, [ok], server.child.pid);

export const fmt = (r: LoadResult): string =>
  `${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms  errors ${r.errors}/${r.requests}` +
  `  CPU/request: server ${(r.serverCpuUsPerRequest ?? 0).toFixed(0)} µs (main thread ${(r.serverMainThreadUsPerRequest ?? 0).toFixed(0)}), load generator ${r.clientCpuUsPerRequest.toFixed(0)} µs; machine ${r.machineBusyPercent.toFixed(0)} % busy`;
