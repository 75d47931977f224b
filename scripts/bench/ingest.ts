// `npm run bench -- ingest`: status reports and escrows per second over HTTP on loopback, with real
// device proofs, against `openmbam serve` on the embedded default (SQLite, local key file), and the
// same load against a bare Fastify JSON endpoint measured in the same run (the ratio).
//
// Options: --devices N (200) --reports N per round (10000) --rounds N (3) --escrows N (5000)
//          --concurrency N[,N…] (32; a list measures the status rounds at each level) --rate N (500)
//          --profile DIR (write a V8 CPU profile of the server process there)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@openmbam/server/config/load';
import { createEnrollmentToken } from '@openmbam/server/enrollment/tokens';
import { deviceProofHeader } from '@openmbam/server/protocol';
import { openServices } from '@openmbam/server/runtime/services';
import {
  TestDevice,
  randomGuid,
  randomRecoveryPassword,
  sampleStatus,
} from '@openmbam/server/test-support/test-device';
import { type LoadResult, type PreparedRequest, closedLoop, openLoop } from './load';

const ROOT = join(import.meta.dirname, '..', '..');

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function listOption(args: string[], name: string, fallback: number[]): number[] {
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

async function spawnAndWait(
  command: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
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

async function prepare(
  devices: TestDevice[],
  count: number,
  make: (d: TestDevice, i: number) => { path: string; body: string },
) {
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

const fmt = (r: LoadResult) =>
  `${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms  errors ${r.errors}/${r.requests}` +
  `  CPU/request: server ${(r.serverCpuUsPerRequest ?? 0).toFixed(0)} µs (main thread ${(r.serverMainThreadUsPerRequest ?? 0).toFixed(0)}), load generator ${r.clientCpuUsPerRequest.toFixed(0)} µs; machine ${r.machineBusyPercent.toFixed(0)} % busy`;

export async function ingestBenchmark(args: string[]): Promise<void> {
  const deviceCount = option(args, 'devices', 200);
  const reports = option(args, 'reports', 10_000);
  const escrows = option(args, 'escrows', 5_000);
  const concurrencies = listOption(args, 'concurrency', [32]);
  const concurrency = concurrencies[0]!;
  const rate = option(args, 'rate', 500);
  const roundCount = option(args, 'rounds', 3);
  const dataDir = mkdtempSync(join(tmpdir(), 'openmbam-bench-'));
  const config = loadConfig({ dataDir, port: 0 }, { OPENMBAM_LOG_LEVEL: 'silent' });

  // An enrollment token, made as `openmbam token create` would.
  const services = await openServices(config);
  const { token } = await createEnrollmentToken(services.dbs.recovery, {
    expiresInSeconds: 3600,
    uses: deviceCount,
  });
  await services.close();

  const profile = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
  const profileArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const server = await spawnAndWait(
    [...profileArgs, join(ROOT, 'server/bin/openmbam.mjs'), 'serve', '--data-dir', dataDir, '--port', '0'],
    { OPENMBAM_LOG_LEVEL: 'warn' },
  );
  const bare = await spawnAndWait(['--import', 'tsx', join(ROOT, 'scripts/bench/bare-server.ts')], {});
  try {
    const devices = await Promise.all(
      Array.from({ length: deviceCount }, async () => {
        const d = await new TestDevice(server.url).init();
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
    const statusOf = (d: TestDevice) => ({
      path: '/api/v1/status',
      body: JSON.stringify(sampleStatus(volumes.get(d)!)),
    });
    // Encryption progress moves on every report, as on a machine that is encrypting.
    const changingStatusOf = (d: TestDevice, i: number) => {
      const report = sampleStatus(volumes.get(d)!);
      report.volumes[1] = {
        ...report.volumes[1]!,
        conversionStatus: 'EncryptionInProgress',
        encryptionPercentage: i % 100,
      };
      return { path: '/api/v1/status', body: JSON.stringify(report) };
    };
    const escrowOf = () => ({
      path: '/api/v1/recovery-keys',
      body: JSON.stringify({
        volumeId: randomGuid(),
        driveType: 'FixedData',
        keyProtectorId: randomGuid(),
        recoveryPassword: randomRecoveryPassword(),
      }),
    });

    console.log(
      `ingest benchmark: ${deviceCount} devices, ${roundCount} rounds of ${reports} status reports, ${escrows} escrows, concurrency ${concurrencies.join(', ')}`,
    );
    const serverPid = server.child.pid!;
    const barePid = bare.child.pid!;
    const run = async (
      url: string,
      pid: number,
      count: number,
      make: (d: TestDevice, i: number) => { path: string; body: string },
      ok: number,
      clients = concurrency,
    ): Promise<LoadResult> => closedLoop(url, await prepare(devices, count, make), clients, [ok], pid);

    // warm-up (JIT, SQLite page cache) on both servers
    await run(server.url, serverPid, 2000, statusOf, 200);
    await run(bare.url, barePid, 2000, statusOf, 200);

    // The machine is shared and its speed drifts by tens of percent within minutes, so the baseline
    // and OpenMBAM alternate in rounds and each round's ratio compares neighbouring measurements.
    type Round = { bare: LoadResult; status: LoadResult; ratio: number };
    const roundsAt = new Map<number, Round[]>();
    for (const clients of concurrencies) {
      const rounds: Round[] = [];
      for (let i = 0; i < roundCount; i++) {
        const bareRound = await run(bare.url, barePid, reports, statusOf, 200, clients);
        const statusRound = await run(server.url, serverPid, reports, statusOf, 200, clients);
        rounds.push({
          bare: bareRound,
          status: statusRound,
          ratio: statusRound.perSecond / bareRound.perSecond,
        });
        console.log(`c${clients} round ${i + 1}: bare Fastify JSON endpoint  ${fmt(bareRound)}`);
        console.log(`c${clients} round ${i + 1}: status reports (max)        ${fmt(statusRound)}`);
      }
      roundsAt.set(clients, rounds);
    }
    const atRate = await openLoop(
      server.url,
      await prepare(devices, rate * 10, statusOf),
      rate,
      [200],
      serverPid,
    );
    // The slow path: every report changes the machine's state (compliance rows rewritten, history row).
    const changing = await run(server.url, serverPid, reports, changingStatusOf, 200);
    const baselineEscrow = await run(bare.url, barePid, escrows, escrowOf, 201);
    const escrow = await run(server.url, serverPid, escrows, escrowOf, 201);

    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    console.log('');
    for (const [clients, rounds] of roundsAt) {
      const middle = [...rounds].sort((x, y) => x.ratio - y.ratio)[Math.floor(rounds.length / 2)]!;
      console.log(`concurrency ${clients}, median round (by ratio):`);
      console.log(`  bare Fastify JSON endpoint      ${fmt(middle.bare)}`);
      console.log(`  status reports (max)            ${fmt(middle.status)}`);
      console.log(
        `  status reports/s, median of ${roundCount} rounds: ${median(rounds.map((r) => r.status.perSecond)).toFixed(0)}`,
      );
      console.log(
        `  ratio status/bare, per round: ${rounds.map((r) => r.ratio.toFixed(3)).join(' ')}; median ${middle.ratio.toFixed(3)}`,
      );
    }
    console.log(`status reports at ${rate}/s         ${fmt(atRate)}`);
    console.log(`status reports, state changed     ${fmt(changing)}`);
    console.log(`escrows (max, fsync per commit)   ${fmt(escrow)}`);
    console.log(`bare endpoint, escrow bodies      ${fmt(baselineEscrow)}`);
    console.log(
      `ratio escrow/bare                 ${(escrow.perSecond / baselineEscrow.perSecond).toFixed(3)}`,
    );
    if (args.includes('--json')) {
      console.log(
        JSON.stringify({ rounds: Object.fromEntries(roundsAt), atRate, changing, escrow, baselineEscrow }),
      );
    }
  } finally {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await exited; // lets a --profile be written
    rmSync(dataDir, { recursive: true, force: true });
  }
}
