// Options every command that touches a server's data shares, and how they become a configuration.
import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import type { ServerConfig } from '../config/schema';
import { UserError } from '../errors';

export interface DataOptions {
  dataDir?: string;
  config?: string;
  json?: boolean;
}

export function withDataOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'data directory (SQLite files, local key file); default ./.data')
    .option('--config <file>', 'JSON configuration file');
}

export function withJson(command: Command): Command {
  return command.option('--json', 'print JSON instead of text');
}

export function configFrom(options: DataOptions & { port?: string; host?: string }): ServerConfig {
  return loadConfig({
    configFile: options.config,
    dataDir: options.dataDir,
    port: options.port === undefined ? undefined : parsePort(options.port),
    host: options.host,
  });
}

// Numbers are parsed here, not by commander, so that "08080" or "80a" get a clear message.
export function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UserError('invalid_argument', `--port must be a number from 0 to 65535 (got "${value}").`, {
      field: '--port',
    });
  }
  return Number(value);
}

export function parseCount(value: string, flag: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new UserError(
      'invalid_argument',
      `${flag} must be a whole number of at least 1 (got "${value}").`,
      {
        field: flag,
      },
    );
  }
  return Number(value);
}

export interface Output {
  json: (value: unknown) => void;
  line: (text: string) => void;
}

export const stdout: Output = {
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  line: (text) => process.stdout.write(`${text}\n`),
};
