// `npm run bench -- <name>`: benchmarks that print their figures (never timed tests).
import { compareBenchmark } from './bench/compare';
import { ingestBenchmark } from './bench/ingest';

const benchmarks: Record<string, (args: string[]) => Promise<void>> = {
  ingest: ingestBenchmark,
  compare: compareBenchmark,
};

const [name, ...args] = process.argv.slice(2);
const run = name ? benchmarks[name] : undefined;
if (!run) {
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [options]`);
  process.exit(2);
}
await run(args);
