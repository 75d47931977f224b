// `openmbam simulate`: a fleet of simulated agents against a server, with a progress bar and a summary.
// The lead's `openmbam` main file calls `registerSimulateCommand`; the logic is `runFleet`.
import type { Command } from 'commander';
import { AgentUserError, truncateForMessage } from '../errors';
import { runFleet, type FleetOptions, type FleetProgress, type FleetSummary } from './fleet';

/** A mistake in the command line: exit code 2 and a message that shows the right form. */
export class SimulateUsageError extends AgentUserError {
  constructor(message: string, field: string) {
    super('invalid_argument', message, { field });
    this.name = 'SimulateUsageError';
  }
}

export interface SimulateCliOptions {
  clients?: string;
  server?: string;
  token?: string;
  rate?: string;
  duration?: string;
  concurrency?: string;
  json?: boolean;
}

const EXAMPLE =
  'openmbam simulate --clients 1000 --server https://mbam.contoso.com --token <token from `openmbam token create --uses 1000`>';

/** Options arrive as strings (commander does not cast, so "1e3" or "12abc" are caught here, not silently truncated). */
export function parseSimulateOptions(
  raw: SimulateCliOptions,
  env: NodeJS.ProcessEnv = process.env,
): Omit<FleetOptions, 'onProgress'> {
  const number = (
    value: string | undefined,
    flag: string,
    opts: { integer?: boolean; min: number; max: number },
  ): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (
      !/^\d+(\.\d+)?$/.test(value.trim()) ||
      !Number.isFinite(n) ||
      n < opts.min ||
      n > opts.max ||
      (opts.integer && !Number.isInteger(n))
    )
      throw new SimulateUsageError(
        `${flag} must be ${opts.integer ? 'a whole number' : 'a number'} from ${opts.min} to ${opts.max}; got ${shown(value)}. Example: ${EXAMPLE}`,
        flag,
      );
    return n;
  };
  const clients = number(raw.clients, '--clients', { integer: true, min: 1, max: 1_000_000 });
  if (clients === undefined)
    throw new SimulateUsageError(`--clients is required. Example: ${EXAMPLE}`, '--clients');
  if (!raw.server)
    throw new SimulateUsageError(
      `--server is required: the URL of an OpenMBAM server. Example: ${EXAMPLE}`,
      '--server',
    );
  const url = parseServer(raw.server);
  const token = raw.token ?? env['OPENMBAM_ENROLLMENT_TOKEN'];
  if (!token)
    throw new SimulateUsageError(
      `--token is required (or OPENMBAM_ENROLLMENT_TOKEN): an enrollment token with at least ${clients} uses. Example: ${EXAMPLE}`,
      '--token',
    );
  // What `openmbam token create` prints is printable ASCII without spaces; a space, a line break or a
  // quote is a pasting mistake that every enrollment would fail on. The agent's configuration allows 200.
  // The token is a secret: the message says where it is wrong, never what it holds.
  const bad = /[^\x21-\x7e]/.exec(token);
  if (bad || token.length > 200)
    throw new SimulateUsageError(
      `${raw.token === undefined ? 'OPENMBAM_ENROLLMENT_TOKEN' : '--token'} must be the token \`openmbam token create\` printed: 1 to 200 printable ASCII characters without spaces; got ${
        bad
          ? `U+${bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} at character ${bad.index + 1}`
          : `${token.length} characters`
      }. Example: ${EXAMPLE}`,
      '--token',
    );
  const rate = number(raw.rate, '--rate', { min: 0.01, max: 1_000_000 });
  const duration = number(raw.duration, '--duration', { min: 1, max: 86_400 });
  if (duration !== undefined && rate === undefined)
    throw new SimulateUsageError(
      '--duration needs --rate (status reports per second during that time), e.g. --rate 50 --duration 60',
      '--duration',
    );
  // Fewer than one report (e.g. --rate 0.1 --duration 1) would end the run before it reports at all.
  if (rate !== undefined && duration !== undefined && Math.round(rate * duration) < 1)
    throw new SimulateUsageError(
      `--rate ${rate} for --duration ${duration} s is less than one status report; expected rate × duration of at least 1, e.g. --rate 1 --duration 60`,
      '--duration',
    );
  const concurrency = number(raw.concurrency, '--concurrency', { integer: true, min: 1, max: 10_000 });
  return {
    clients,
    serverUrl: url.href.replace(/\/$/, ''),
    token,
    ...(rate ? { rate } : {}),
    ...(duration ? { duration } : {}),
    ...(concurrency ? { concurrency } : {}),
  };
}

/** A value as a message shows it: quoted, escaped, cut short (a pasted file must not flood the terminal). */
const shown = (value: string, max = 40): string => JSON.stringify(truncateForMessage(value, max));

/** An http(s) URL the agents can call: no user name or password (fetch refuses them), query or fragment. */
function parseServer(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new SimulateUsageError(
      `--server ${shown(server, 80)} is not a URL; expected e.g. http://127.0.0.1:8443`,
      '--server',
    );
  }
  const wrong =
    url.protocol !== 'http:' && url.protocol !== 'https:'
      ? `uses ${url.protocol}`
      : url.username || url.password
        ? 'holds a user name or password'
        : url.search || url.hash || server.includes('?') || server.includes('#')
          ? 'has a query or fragment'
          : undefined;
  // A password in the URL is not echoed: only the scheme and host.
  const echo = url.username || url.password ? `${url.protocol}//…@${url.host}` : server;
  if (wrong)
    throw new SimulateUsageError(
      `--server ${shown(echo, 80)} ${wrong}; expected the server's base URL, http:// or https://, e.g. http://127.0.0.1:8443 or https://mbam.contoso.com/openmbam`,
      '--server',
    );
  return url;
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'Run N simulated agents (enroll, escrow, report, rotate) against a server and print a summary',
    )
    .option('--clients <n>', 'number of simulated machines')
    .option('--server <url>', 'server URL, e.g. http://127.0.0.1:8443')
    .option('--token <token>', 'enrollment token with at least N uses (or OPENMBAM_ENROLLMENT_TOKEN)')
    .option('--rate <reports/s>', 'status reports per second after enrollment')
    .option('--duration <s>', 'seconds of status reporting at --rate (default: one more report per machine)')
    .option('--concurrency <n>', 'agents working at once (default 64)')
    .option('--json', 'print the summary as JSON')
    .action(async (raw: SimulateCliOptions) => {
      const options = parseSimulateOptions(raw);
      const bar = raw.json || !process.stderr.isTTY ? undefined : progressBar(process.stderr);
      const summary = await runFleet({ ...options, ...(bar ? { onProgress: bar } : {}) });
      if (bar) process.stderr.write('\n');
      process.stdout.write(raw.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
      if (summary.errors > 0 || summary.failedCycles > 0) process.exitCode = 1;
    });
}

export function progressBar(stream: NodeJS.WriteStream): (p: FleetProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.done !== p.total) return;
    last = now;
    const width = 30;
    const filled = Math.round((p.done / p.total) * width);
    stream.write(
      `\r${p.phase.padEnd(6)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}  requests ${p.requests}  errors ${p.errors}`,
    );
  };
}

export function formatSummary(s: FleetSummary): string {
  const lat = (k: keyof FleetSummary['latencyMs']) =>
    `p50 ${s.latencyMs[k].p50} ms, p99 ${s.latencyMs[k].p99} ms, max ${s.latencyMs[k].max} ms`;
  return [
    `clients ${s.clients}, encrypting after escrow ${s.enrolled}, rotations ${s.rotations}`,
    `requests ${s.requests.total} (enroll ${s.requests.enroll}, escrow ${s.requests.escrow}, status ${s.requests.status}, rotated ${s.requests.rotated}) in ${s.elapsedSeconds} s = ${s.requestsPerSecond}/s`,
    `errors ${s.errors}${s.errors ? ` ${JSON.stringify(s.errorsByStatus)}` : ''}, cycles not ok ${s.failedCycles}`,
    ...(['all', 'enroll', 'escrow', 'status', 'rotated'] as const).map((k) => `  ${k.padEnd(8)} ${lat(k)}`),
    ...s.firstErrors.map((e) => `  ! ${e}`),
    '',
  ].join('\n');
}
