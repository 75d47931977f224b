// The agent's one module of typed errors (house style: server/src/errors.ts). User errors carry an exit
// code for the command line and teach; platform and server errors say what failed and whether a retry
// can help; everything else is an internal bug. No error message ever carries a secret: callers pass
// only identifiers, `truncateForMessage` removes recovery passwords from what it echoes, and it is never
// given an answer that holds a key package or TPM owner authorization.

export type AgentErrorCode =
  | 'invalid_configuration'
  | 'invalid_argument'
  | 'platform_command_failed'
  | 'platform_unexpected_output'
  | 'platform_operation_failed'
  | 'server_unreachable'
  | 'server_rejected'
  | 'server_protocol_violation'
  | 'device_revoked'
  | 'not_enrolled'
  | 'escrow_failed'
  | 'unsafe_operation'
  | 'corrupt_state';

/** A mistake in what a person typed or configured: exit code 2 and a message that shows the right form. */
export class AgentUserError extends Error {
  readonly code: AgentErrorCode;
  readonly field: string | undefined;
  readonly exitCode = 2;

  constructor(code: AgentErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AgentUserError';
    this.code = code;
    this.field = options.field;
  }
}

/**
 * Windows (PowerShell, WMI, registry) did not do what was asked, or answered something we cannot read.
 * `hresult` is the WMI method's return value when there was one.
 */
export class PlatformError extends Error {
  readonly code: AgentErrorCode;
  readonly hresult: number | undefined;

  constructor(code: AgentErrorCode, message: string, options: { hresult?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'PlatformError';
    this.code = code;
    this.hresult = options.hresult;
  }
}

/**
 * The server could not be reached or did not accept a call. `retryable` says whether the same call may
 * succeed later (network failure, 5xx, 429, an answer we cannot read) or never will (4xx).
 */
export class ServerError extends Error {
  readonly code: AgentErrorCode;
  readonly status: number | undefined;
  readonly serverCode: string | undefined;
  readonly retryable: boolean;

  constructor(
    code: AgentErrorCode,
    message: string,
    options: { status?: number; serverCode?: string; retryable: boolean; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'ServerError';
    this.code = code;
    this.status = options.status;
    this.serverCode = options.serverCode;
    this.retryable = options.retryable;
  }
}

/** A step refused because going on could lose access to a drive (e.g. deleting the only escrowed protector). */
export class UnsafeOperationError extends Error {
  readonly code: AgentErrorCode = 'unsafe_operation';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UnsafeOperationError';
  }
}

/** Something that cannot happen unless the code is wrong. */
export class InternalError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'InternalError';
  }
}

/**
 * A recovery password, or two groups or more of one that was cut, as an output may print it: groups of
 * 6 digits joined by hyphens (or all 8 by spaces), or 12 digits and more in a row. No nested repetition,
 * so matching stays linear on a 16 MB output.
 */
const RECOVERY_PASSWORD_LIKE = /\d{6}(?:-\d{6}){1,7}|\d{6}(?: \d{6}){7}|\d{12,}/g;

/** Text with every run that may be (part of) a recovery password replaced, for anything that echoes output. */
export function redactSecrets(text: string): string {
  return text.replace(RECOVERY_PASSWORD_LIKE, '<redacted digits>');
}

/**
 * Shorten input before echoing it in an error, so a long or hostile value cannot flood logs. A recovery
 * password in it is removed before the cut (an odd output can put one in any field, and a cut one would
 * still give groups away); a value JSON cannot print (nested too deeply) is named, never thrown on.
 */
export function truncateForMessage(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : printable(value);
  // a password is at most 55 characters: one that starts before the cut is whole in this window
  const s = redactSecrets(text.slice(0, max + 64));
  return s.length > max || text.length > max + 64 ? `${s.slice(0, max)}…` : s;
}

function printable(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Array.isArray(value)
      ? '[an array nested too deeply to show]'
      : `[a ${typeof value} that cannot be shown]`;
  }
}

/** One line for a log entry: the message and its chain of causes. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && depth < 5; depth++) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(' ← ');
}
