// Errors of the secrets module. Two kinds, following server/src/errors.ts:
// - the KEK is unreachable or misconfigured (key file, Key Vault): a UserError `secret_unavailable`
//   (503), because an operator can fix it; the message says what to check.
// - a sealed record does not authenticate (tampered, wrong associated data, wrong KEK material):
//   SecretIntegrityError, an InternalError (never echoed to the caller, logged server-side).
// No message here ever contains plaintext, a data key, a KEK or a wrapped key.
import { InternalError, UserError } from '../errors';

export type IntegrityFailure =
  /** AES-GCM authentication failed: ciphertext or tag altered, or other associated data. */
  | 'ciphertext-not-authentic'
  /** the wrapped data key did not authenticate under the named KEK. */
  | 'wrapped-key-not-authentic'
  /** the bytes are not in a format this version knows (unknown version byte, too short). */
  | 'malformed';

/** A sealed secret or wrapped key failed authentication. The record is unusable as stored. */
export class SecretIntegrityError extends InternalError {
  readonly failure: IntegrityFailure;

  constructor(failure: IntegrityFailure, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'SecretIntegrityError';
    this.failure = failure;
  }
}

/** The KEK provider cannot do its work (missing key, unreadable key file, Key Vault refused or down). */
export function secretUnavailable(message: string, cause?: unknown): UserError {
  return new UserError('secret_unavailable', message, { cause });
}
