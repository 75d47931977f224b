// Stand-alone entry for the simulator until `openmbam` registers `simulate`:
//   node --import tsx agent/src/simulator/main.ts simulate --clients 100 --server http://127.0.0.1:8080 --token …
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { AgentUserError } from '../errors';
import { registerSimulateCommand } from './cli';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('openmbam').exitOverride();
  registerSimulateCommand(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof AgentUserError) {
      process.stderr.write(`openmbam: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof Error && 'exitCode' in err && typeof err.exitCode === 'number')
      return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
