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

export function buildProgram(): Command {
  const program = new Command('openmbam')
    .description('OpenMBAM: BitLocker Administration and Monitoring, self-hosted')
    .showHelpAfterError()
    .exitOverride();
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

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    if (typeof exitCode === 'number') {
      process.stderr.write(`openmbam: ${(error as Error).message}\n`);
      process.exit(exitCode);
    }
    process.stderr.write(
      `openmbam: unexpected error (please report it):\n${(error as Error)?.stack ?? String(error)}\n`,
    );
    process.exit(1);
  }
}
