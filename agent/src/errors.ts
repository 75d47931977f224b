// The agent's one module of typed errors (house style: server/src/errors.ts). User errors carry an exit
// code for the command line and teach; platform and server errors say what failed and whether a retry
// can help; everything else is an internal bug. No error message ever carries a secret: callers pass
// only identifiers, and `truncateForMessage` is never given a recovery password or key package.

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

/** Shorten input before echoing it in an error, so a long or hostile value cannot flood logs. */
export function truncateForMessage(value: unknown, max = 80): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return s.length > max ? `${s.slice(0, max)}…` : s;
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
