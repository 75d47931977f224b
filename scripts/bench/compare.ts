// `npm run bench -- compare --baseline DIR`: status reports per second of this checkout against
// another checkout of OpenMBAM (e.g. the commit before a change), both serving one data directory,
// in alternating rounds so the machine's drift falls on both. The per-round ratio is what to read:
// on a shared machine the absolute figures move by tens of percent within minutes.
//
//   git worktree add /tmp/before <rev> && ln -s "$PWD/node_modules" /tmp/before/node_modules
//   npm run bench -- compare --baseline /tmp/before
//
// The two must share their migrations (the data directory is migrated by this checkout). Which
// server starts first can itself favour one of them: run it again with --baseline-first to see.
// Options: --devices N (200) --reports N per round (8000) --rounds N (6) --concurrency N (32)
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ROOT,
  type RunningServer,
  benchDataDir,
  enrollFleet,
  fmt,
  option,
  runClosedLoop,
  serveOpenMbam,
  stopServer,
} from './fleet';
import { median } from './median';
import type { LoadResult } from './load';

export async function compareBenchmark(args: string[]): Promise<void> {
  const i = args.indexOf('--baseline');
  const baselineDir = i >= 0 ? args[i + 1] : undefined;
  const baselineBin = baselineDir && join(resolve(baselineDir), 'server/bin/openmbam.mjs');
  if (!baselineBin || !existsSync(baselineBin)) {
    throw new Error(
      '--baseline must name another checkout of OpenMBAM with its node_modules, e.g. /tmp/before made by `git worktree add /tmp/before HEAD~1 && ln -s "$PWD/node_modules" /tmp/before/node_modules`',
    );
  }
  const deviceCount = option(args, 'devices', 200);
  const reports = option(args, 'reports', 8000);
  const roundCount = option(args, 'rounds', 6);
  const clients = option(args, 'concurrency', 32);
  const { dataDir, token } = await benchDataDir(deviceCount);
  const started: RunningServer[] = [];
  const start = async (bin: string) => {
    const server = await serveOpenMbam(bin, dataDir);
    started.push(server);
    return server;
  };
  try {
    const currentBin = join(ROOT, 'server/bin/openmbam.mjs');
    const baselineFirst = args.includes('--baseline-first');
    const first = await start(baselineFirst ? baselineBin : currentBin);
    const second = await start(baselineFirst ? currentBin : baselineBin);
    const [current, baseline] = baselineFirst ? [second, first] : [first, second];
    const { devices, statusOf } = await enrollFleet(current.url, token, deviceCount);
    const run = (server: RunningServer, count: number): Promise<LoadResult> =>
      runClosedLoop(server, devices, count, statusOf, 200, clients);
    await run(current, 2000); // warm-up (JIT, page cache)
    await run(baseline, 2000);

    console.log(
      `compare: this checkout against ${baselineDir}; ${roundCount} rounds of ${reports} status reports, ${deviceCount} devices, concurrency ${clients}`,
    );
    const rounds: Array<{ current: LoadResult; baseline: LoadResult; ratio: number }> = [];
    for (let round = 1; round <= roundCount; round++) {
      // Each goes first in every other round.
      const first = round % 2 === 1 ? current : baseline;
      const a = await run(first, reports);
      const b = await run(first === current ? baseline : current, reports);
      const [c, base] = first === current ? [a, b] : [b, a];
      rounds.push({ current: c, baseline: base, ratio: c.perSecond / base.perSecond });
      console.log(`round ${round}: this checkout  ${fmt(c)}`);
      console.log(`round ${round}: baseline       ${fmt(base)}`);
    }
    const cpu = (r: LoadResult) => r.serverCpuUsPerRequest ?? 0;
    console.log('');
    console.log(
      `status reports/s, median: this checkout ${median(rounds.map((r) => r.current.perSecond)).toFixed(0)}, baseline ${median(rounds.map((r) => r.baseline.perSecond)).toFixed(0)}`,
    );
    console.log(
      `server CPU per report, median: this checkout ${median(rounds.map((r) => cpu(r.current))).toFixed(0)} µs, baseline ${median(rounds.map((r) => cpu(r.baseline))).toFixed(0)} µs`,
    );
    console.log(
      `ratio this checkout/baseline, per round: ${rounds.map((r) => r.ratio.toFixed(3)).join(' ')}; median ${median(rounds.map((r) => r.ratio)).toFixed(3)}`,
    );
  } finally {
    for (const server of started) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
