// The `openmbam` command: a registry of small command modules; this file maps errors to exit codes.
import { registerSimulateCommand } from '@openmbam/agent/simulator/cli';
import { registerPolicyCommands } from '@openmbam/policy-templates/cli';
import { Command, CommanderError } from 'commander';
import { registerAuditCommands } from './commands/audit';
import { registerBackupCommand } from './commands/backup';
import { registerDeviceCommands } from './commands/device';
import { registerKeysCommands } from './commands/keys';
import { registerServeCommands } from './commands/serve';
import { registerTokenCommands } from './commands/token';
import { registerUserCommands } from './commands/user';
import { refuseUnusableArguments } from './refuse-unusable-text';

export function buildProgram(): Command {
  const program = new Command('openmbam')
    .description('OpenMBAM: BitLocker Administration and Monitoring, self-hosted')
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (_program, action) => refuseUnusableArguments(action));
  registerServeCommands(program);
  registerTokenCommands(program);
  registerDeviceCommands(program);
  registerUserCommands(program);
  registerKeysCommands(program);
  registerBackupCommand(program);
  registerPolicyCommands(program);
  registerSimulateCommand(program);
  registerAuditCommands(program);
  return program;
}

/**
 * Runs one command line and maps its error to an exit code: undefined when it succeeded (a command
 * may still set `process.exitCode`, and `serve` keeps running), 2 for a user's mistake (or the typed
 * error's own code), 1 with the stack for a bug. Tests call this in-process.
 */
export async function runCli(
  argv: string[],
  program: Command = buildProgram(),
  writeErr: (text: string) => void = (text) => process.stderr.write(text),
): Promise<number | undefined> {
  try {
    await program.parseAsync(argv);
    return undefined;
  } catch (error) {
    // commander has already printed its message (and the usage)
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    if (typeof exitCode === 'number') {
      writeErr(`openmbam: ${(error as Error).message}\n`);
      return exitCode;
    }
    writeErr(`openmbam: unexpected error (please report it):\n${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

export async function main(argv: string[]): Promise<void> {
  const exitCode = await runCli(argv);
  if (exitCode !== undefined) process.exit(exitCode);
}
