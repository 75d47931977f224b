// How the agent runs Windows PowerShell: one seam (`RunPowerShell`) that tests replace with recorded
// outputs. Scripts go in as -EncodedCommand (no quoting through cmd.exe), secrets and message text go in
// on stdin (never on a command line other processes can read), answers come back as UTF-8 JSON.
import { execFile } from 'node:child_process';
import { PlatformError, truncateForMessage } from '../../errors';

export interface PowerShellResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export type RunPowerShell = (script: string, options?: { stdin?: string }) => Promise<PowerShellResult>;

/** Prepended to every script: fail on the first error, UTF-8 out, no progress records. */
export const PRELUDE =
  "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; " +
  '[Console]::OutputEncoding = [Text.Encoding]::UTF8; ';

/** The command line for `script` (Windows PowerShell 5.1: the BitLocker module is native there). */
export function powerShellArguments(script: string): string[] {
  return [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    Buffer.from(PRELUDE + script, 'utf16le').toString('base64'),
  ];
}

/** Runs `powershell.exe`; only ever called on Windows. */
export const runWindowsPowerShell: RunPowerShell = (script, options = {}) =>
  new Promise((resolve) => {
    const child = execFile(
      'powershell.exe',
      powerShellArguments(script),
      { windowsHide: true, maxBuffer: 16 * 1024 * 1024, timeout: 120_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ stdout, stderr: error && !stderr ? error.message : stderr, exitCode: code });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });

/** A PowerShell single-quoted literal. Only identifiers we validated ever reach it; control characters are refused. */
export function psString(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value))
    throw new PlatformError(
      'platform_command_failed',
      'refusing a control character in a PowerShell argument',
    );
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, "''")}'`;
}

export interface RunJsonOptions {
  /** what the script does, for error messages: "read BitLocker volumes" */
  readonly what: string;
  /** the output may hold a secret: never echo it in an error */
  readonly secret?: boolean;
  readonly stdin?: string;
}

/** Runs a script whose last act is `ConvertTo-Json`, and parses its output (BOM and blank output handled). */
export async function runJson(run: RunPowerShell, script: string, options: RunJsonOptions): Promise<unknown> {
  let result: PowerShellResult;
  try {
    result = await run(script, options.stdin === undefined ? undefined : { stdin: options.stdin });
  } catch (cause) {
    throw new PlatformError('platform_command_failed', `Could not start PowerShell to ${options.what}.`, {
      cause,
    });
  }
  if (result.exitCode !== 0) {
    // stderr is output too: for a call whose answer may hold a secret, it is not echoed either
    const stderr = result.stderr.trim();
    const shown = options.secret
      ? `${stderr.length} characters of error text, not shown`
      : truncateForMessage(stderr, 300);
    throw new PlatformError(
      'platform_command_failed',
      `PowerShell failed to ${options.what} (exit code ${result.exitCode}): ${shown}`,
    );
  }
  const text = result.stdout.replace(/^\uFEFF/, '').trim();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const shown = options.secret ? `${text.length} characters, not shown` : truncateForMessage(text, 200);
    throw new PlatformError(
      'platform_unexpected_output',
      `PowerShell answered text that is not JSON when asked to ${options.what}; expected the output of ConvertTo-Json, got: ${shown}`,
      { cause: options.secret ? undefined : cause },
    );
  }
}
