// `npm run bench -- ingest`: status reports and escrows per second over HTTP on loopback, with real
// device proofs, against `openmbam serve` on the embedded default (SQLite, local key file), and the
// same load against a bare Fastify JSON endpoint measured in the same run (the ratio).
//
// Options: --devices N (200) --reports N (20000) --escrows N (5000) --concurrency N (32) --rate N (500)
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
  `${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms  errors ${r.errors}/${r.requests}`;

export async function ingestBenchmark(args: string[]): Promise<void> {
  const deviceCount = option(args, 'devices', 200);
  const reports = option(args, 'reports', 20_000);
  const escrows = option(args, 'escrows', 5_000);
  const concurrency = option(args, 'concurrency', 32);
  const rate = option(args, 'rate', 500);
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
      `ingest benchmark: ${deviceCount} devices, ${reports} status reports, ${escrows} escrows, concurrency ${concurrency}`,
    );
    // warm-up (JIT, SQLite page cache) on both servers
    await closedLoop(server.url, await prepare(devices, 1000, statusOf), concurrency, [200]);
    await closedLoop(bare.url, await prepare(devices, 1000, statusOf), concurrency, [200]);

    const baseline = await closedLoop(
      bare.url,
      await prepare(devices, reports, statusOf),
      concurrency,
      [200],
    );
    const status = await closedLoop(
      server.url,
      await prepare(devices, reports, statusOf),
      concurrency,
      [200],
    );
    const atRate = await openLoop(server.url, await prepare(devices, rate * 10, statusOf), rate, [200]);
    const escrow = await closedLoop(
      server.url,
      await prepare(devices, escrows, escrowOf),
      concurrency,
      [201],
    );
    const baselineEscrow = await closedLoop(
      bare.url,
      await prepare(devices, escrows, escrowOf),
      concurrency,
      [201],
    );

    console.log(`bare Fastify JSON endpoint      ${fmt(baseline)}`);
    console.log(`status reports (max)            ${fmt(status)}`);
    console.log(`status reports at ${rate}/s       ${fmt(atRate)}`);
    console.log(`escrows (max, fsync per commit) ${fmt(escrow)}`);
    console.log(`bare endpoint, escrow bodies    ${fmt(baselineEscrow)}`);
    console.log(`ratio status/bare               ${(status.perSecond / baseline.perSecond).toFixed(3)}`);
    console.log(
      `ratio escrow/bare               ${(escrow.perSecond / baselineEscrow.perSecond).toFixed(3)}`,
    );
    if (args.includes('--json')) {
      console.log(JSON.stringify({ baseline, status, atRate, escrow, baselineEscrow }));
    }
  } finally {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await exited; // lets a --profile be written
    rmSync(dataDir, { recursive: true, force: true });
  }
}
