// The one module of typed errors. User errors carry an HTTP status, an error code, the field at
// fault and an exit code for the command line; everything else is an internal bug (500, logged, never echoed).

export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'invalid_recovery_password'
  | 'invalid_guid'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'headers_too_large'
  | 'request_timeout'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'invalid_device_proof'
  | 'device_revoked'
  | 'enrollment_token_invalid'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'invalid_configuration'
  | 'invalid_argument'
  | 'secret_unavailable';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  invalid_recovery_password: 400,
  invalid_guid: 400,
  payload_too_large: 413,
  uri_too_long: 414,
  headers_too_large: 431,
  request_timeout: 408,
  unsupported_media_type: 415,
  unauthorized: 401,
  invalid_device_proof: 401,
  device_revoked: 403,
  enrollment_token_invalid: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  invalid_configuration: 2,
  invalid_argument: 2,
  secret_unavailable: 503,
};

/**
 * A mistake of the caller: what failed, what was expected, and (when it helps) an example.
 * `field` names the offending input (a JSON path such as `/recoveryPassword`, or a CLI flag).
 */
export class UserError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly exitCode = 2;

  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UserError';
    this.code = code;
    this.field = options.field;
  }

  get statusCode(): number {
    const s = statusOf[this.code];
    return s >= 400 ? s : 400;
  }

  toJSON(): { error: { code: ErrorCode; message: string; field?: string } } {
    return {
      error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) },
    };
  }
}

/** Something that cannot happen unless the code is wrong; never shown to the caller in detail. */
export class InternalError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'InternalError';
  }
}

/** Shorten user input before echoing it in an error, so a long or hostile value cannot flood logs. */
export function truncateForMessage(value: unknown, max = 60): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A 429: the caller made too many attempts; `retryAfterSeconds` goes into the `Retry-After` header. */
export class RateLimitedError extends UserError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message);
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
