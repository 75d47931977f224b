// Options every command that touches a server's data shares, and how they become a configuration.
import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import type { ServerConfig } from '../config/schema';
import { UserError, truncateForMessage } from '../errors';

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
    throw new UserError(
      'invalid_argument',
      `--port must be a number from 0 to 65535 (got "${truncateForMessage(value)}").`,
      {
        field: '--port',
      },
    );
  }
  return Number(value);
}

export function parseCount(value: string, flag: string, max = 999_999_999): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    const range = max === 999_999_999 ? 'of at least 1' : `from 1 to ${max}`;
    throw new UserError(
      'invalid_argument',
      `${flag} must be a whole number ${range} (got "${truncateForMessage(value)}").`,
      { field: flag },
    );
  }
  return Number(value);
}

/** A free-text flag (a label): its length is checked here so the refusal names the flag. */
export function parseText(
  value: string,
  flag: string,
  limits: { min: number; max: number; example: string },
): string {
  const text = value.trim();
  if (text.length < limits.min || text.length > limits.max) {
    throw new UserError(
      'invalid_argument',
      `${flag} must be ${limits.min} to ${limits.max} characters, e.g. "${limits.example}" (got ${text.length}: "${truncateForMessage(text)}").`,
      { field: flag },
    );
  }
  return text;
}

export interface Output {
  json: (value: unknown) => void;
  line: (text: string) => void;
}

export const stdout: Output = {
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  line: (text) => process.stdout.write(`${text}\n`),
};
