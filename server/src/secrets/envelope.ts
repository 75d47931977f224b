// The byte format of everything this module encrypts with AES-256-GCM:
//
//   [version 0x01][IV, 12 bytes][ciphertext][tag, 16 bytes]
//
// The version byte is also fed to GCM as the first byte of the associated data, so it cannot be
// swapped without failing authentication. `context` separates uses (a sealed secret vs a locally
// wrapped data key) so a blob of one kind never authenticates as the other.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretIntegrityError } from './errors';
import { InternalError } from '../errors';
import { DATA_KEY_BYTES } from './kek-provider';

export const ENVELOPE_VERSION = 0x01;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES;

function associatedBytes(context: string): Buffer {
  return Buffer.concat([Buffer.of(ENVELOPE_VERSION), Buffer.from(context, 'utf8')]);
}

function checkKey(key: Uint8Array): void {
  if (key.length !== DATA_KEY_BYTES) {
    throw new InternalError(`AES-256-GCM needs a ${DATA_KEY_BYTES}-byte key, got ${key.length} bytes`);
  }
}

/** Encrypt `plaintext` under `key` (32 bytes), authenticating `context`. */
export function gcmSeal(key: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedBytes(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const out = new Uint8Array(HEADER_BYTES + body.length + TAG_BYTES);
  out[0] = ENVELOPE_VERSION;
  out.set(iv, 1);
  out.set(body, HEADER_BYTES);
  out.set(cipher.getAuthTag(), HEADER_BYTES + body.length);
  body.fill(0);
  return out;
}

/**
 * Decrypt a blob made by gcmSeal. Throws SecretIntegrityError (`notAuthentic` as its failure) when
 * the blob, the key or the context do not match; never says which, and never echoes the bytes.
 */
export function gcmOpen(
  key: Uint8Array,
  blob: Uint8Array,
  context: string,
  notAuthentic: 'ciphertext-not-authentic' | 'wrapped-key-not-authentic',
  what: string,
): Uint8Array {
  checkKey(key);
  if (blob.length < HEADER_BYTES + TAG_BYTES) {
    throw new SecretIntegrityError(
      'malformed',
      `${what} is ${blob.length} bytes; expected at least ${HEADER_BYTES + TAG_BYTES} ` +
        `(version byte, 12-byte IV, ciphertext, 16-byte tag). The stored value is truncated or is not a sealed value.`,
    );
  }
  if (blob[0] !== ENVELOPE_VERSION) {
    throw new SecretIntegrityError(
      'malformed',
      `${what} has format version ${blob[0]}; this server reads version ${ENVELOPE_VERSION}. ` +
        `The value was written by a newer OpenMBAM or is not a sealed value.`,
    );
  }
  const iv = blob.subarray(1, HEADER_BYTES);
  const body = blob.subarray(HEADER_BYTES, blob.length - TAG_BYTES);
  const tag = blob.subarray(blob.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedBytes(context));
  decipher.setAuthTag(tag);
  const out = decipher.update(body);
  try {
    decipher.final();
  } catch (cause) {
    out.fill(0);
    throw new SecretIntegrityError(
      notAuthentic,
      `${what} did not authenticate: it was altered, belongs to another record (associated data differs), ` +
        `or was sealed under another key.`,
      { cause },
    );
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
