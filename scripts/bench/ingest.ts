// `npm run bench -- ingest`: status reports and escrows per second over HTTP on loopback, with real
// device proofs, against `openmbam serve` on the embedded default (SQLite, local key file), and the
// same load against a bare Fastify JSON endpoint measured in the same run (the ratio).
//
// Options: --devices N (200) --reports N per round (10000) --rounds N (5) --escrows N (5000)
//          --concurrency N[,N…] (32; a list measures the status rounds at each level) --rate N (500)
//          --profile DIR (write a V8 CPU profile of the server process there)
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  type TestDevice,
  randomGuid,
  randomRecoveryPassword,
  sampleStatus,
} from '@openmbam/server/test-support/test-device';
import {
  ROOT,
  type RequestMaker,
  benchDataDir,
  enrollFleet,
  fmt,
  listOption,
  option,
  prepare,
  runClosedLoop,
  serveOpenMbam,
  spawnAndWait,
  stopServer,
} from './fleet';
import { median } from './median';
import { type LoadResult, openLoop } from './load';

export async function ingestBenchmark(args: string[]): Promise<void> {
  const deviceCount = option(args, 'devices', 200);
  const reports = option(args, 'reports', 10_000);
  const escrows = option(args, 'escrows', 5_000);
  const concurrencies = listOption(args, 'concurrency', [32]);
  const concurrency = concurrencies[0]!;
  const rate = option(args, 'rate', 500);
  const roundCount = option(args, 'rounds', 5);
  const { dataDir, token } = await benchDataDir(deviceCount);
  const profile = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
  const server = await serveOpenMbam(
    join(ROOT, 'server/bin/openmbam.mjs'),
    dataDir,
    profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  );
  const bare = await spawnAndWait(['--import', 'tsx', join(ROOT, 'scripts/bench/bare-server.ts')], {});
  try {
    const { devices, volumes, statusOf } = await enrollFleet(server.url, token, deviceCount);
    // Encryption progress moves on every report, as on a machine that is encrypting.
    const changingStatusOf: RequestMaker = (d: TestDevice, i: number) => {
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
    const run = (
      target: typeof server,
      count: number,
      make: RequestMaker,
      ok: number,
      clients = concurrency,
    ): Promise<LoadResult> => runClosedLoop(target, devices, count, make, ok, clients);

    // warm-up (JIT, SQLite page cache) on both servers
    await run(server, 2000, statusOf, 200);
    await run(bare, 2000, statusOf, 200);

    // The machine is shared and its speed drifts by tens of percent within minutes, so the baseline
    // and OpenMBAM alternate in rounds and each round's ratio compares neighbouring measurements.
    type Round = { bare: LoadResult; status: LoadResult; ratio: number };
    const roundsAt = new Map<number, Round[]>();
    for (const clients of concurrencies) {
      const rounds: Round[] = [];
      for (let i = 0; i < roundCount; i++) {
        const bareRound = await run(bare, reports, statusOf, 200, clients);
        const statusRound = await run(server, reports, statusOf, 200, clients);
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
      server.child.pid,
    );
    // The slow path: every report changes the machine's state (compliance rows rewritten, history row).
    const changing = await run(server, reports, changingStatusOf, 200);
    const baselineEscrow = await run(bare, escrows, escrowOf, 201);
    const escrow = await run(server, escrows, escrowOf, 201);

    console.log('');
    for (const [clients, rounds] of roundsAt) {
      const middle = [...rounds].sort((x, y) => x.ratio - y.ratio)[Math.floor(rounds.length / 2)]!;
      console.log(`concurrency ${clients}, middle round (by ratio):`);
      console.log(`  bare Fastify JSON endpoint      ${fmt(middle.bare)}`);
      console.log(`  status reports (max)            ${fmt(middle.status)}`);
      console.log(
        `  status reports/s, median of ${roundCount} rounds: ${median(rounds.map((r) => r.status.perSecond)).toFixed(0)}`,
      );
      console.log(
        `  ratio status/bare, per round: ${rounds.map((r) => r.ratio.toFixed(3)).join(' ')}; median ${median(rounds.map((r) => r.ratio)).toFixed(3)}`,
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
    bare.child.kill('SIGTERM');
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
