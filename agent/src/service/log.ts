// Structured logs: one JSON object per line, to a file, the console, the Windows event log (warnings,
// errors and the MBAM-like events below) or memory (tests). Secrets are removed before any sink sees an
// entry: fields with secret names, and any text shaped like a recovery password.
import { appendFile } from 'node:fs/promises';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogEntry {
  readonly time: string;
  readonly level: Level;
  /** a stable event name, e.g. `escrow.delivered` */
  readonly event: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

export type LogSink = (entry: LogEntry) => void;

export interface Logger {
  debug(event: string, message: string, fields?: Record<string, unknown>): void;
  info(event: string, message: string, fields?: Record<string, unknown>): void;
  warn(event: string, message: string, fields?: Record<string, unknown>): void;
  error(event: string, message: string, fields?: Record<string, unknown>): void;
}

/** MBAM client event ids (bitlocker-client.md §7.4) for the events that have a counterpart. */
export const EVENT_IDS: Readonly<Record<string, number>> = {
  'enforce.started': 1,
  'enforce.failed': 2,
  'status.sent': 3,
  'status.failed': 4,
  'tpm.absent': 9,
  'user.exempt': 13,
  'escrow.delivered': 29,
  'rotation.done': 30,
  'enforce.locked': 42,
  'server.unreachable': 43,
};

const SECRET_FIELD = /password|keypackage|ownerauth|token|privatekey|secret/i;
const RECOVERY_PASSWORD = /\b\d{6}(?:[- ]\d{6}){7}\b/g;

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(RECOVERY_PASSWORD, '[redacted]');
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
}

export function createLogger(options: { sinks: LogSink[]; level?: Level; now?: () => Date }): Logger {
  const min = RANK[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const emit = (level: Level, event: string, message: string, fields: Record<string, unknown> = {}): void => {
    if (RANK[level] < min) return;
    const entry = redact({ ...fields, time: now().toISOString(), level, event, message }) as LogEntry;
    for (const sink of options.sinks) sink(entry);
  };
  return {
    debug: (e, m, f) => emit('debug', e, m, f),
    info: (e, m, f) => emit('info', e, m, f),
    warn: (e, m, f) => emit('warn', e, m, f),
    error: (e, m, f) => emit('error', e, m, f),
  };
}

export const nullLogger: Logger = createLogger({ sinks: [] });

export function memorySink(entries: LogEntry[]): LogSink {
  return (entry) => entries.push(entry);
}

/** Appends JSON lines to `path`, in order; a failing disk never stops the agent. */
export function fileSink(path: string, onError: (err: unknown) => void = () => {}): LogSink {
  let chain = Promise.resolve();
  return (entry) => {
    chain = chain.then(() => appendFile(path, `${JSON.stringify(entry)}\n`, { mode: 0o600 })).catch(onError);
  };
}

export function consoleSink(stream: NodeJS.WritableStream = process.stderr): LogSink {
  return (entry) => stream.write(`${JSON.stringify(entry)}\n`);
}
