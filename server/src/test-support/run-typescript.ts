// Runs a TypeScript module in a process of its own, under tsx as the server runs: for tests of how a
// process ends (what keeps it alive, what it printed).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Writes `lines` to `file` (a .mts path) and runs it; a status of null means it still ran after 30 s. */
export function runTypeScript(file: string, lines: string[]): { status: number | null; stdout: string } {
  writeFileSync(file, lines.join('\n'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout.trim() };
}
