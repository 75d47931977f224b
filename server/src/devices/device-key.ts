// A device's public key: the P-256 JWK it enrolled with, as node:crypto holds it, and the ES256
// check of a signature made with its private key.
import { type JsonWebKey, type KeyObject, createPublicKey, verify } from 'node:crypto';

/** The key, or undefined when the JWK is not a point on P-256 (its shape alone cannot tell). */
export function devicePublicKey(jwk: JsonWebKey): KeyObject | undefined {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return undefined;
  }
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  return curve === 'prime256v1' ? key : undefined;
}

/** An ES256 signature is r and s, 32 bytes each (RFC 7518 §3.4), not DER. */
const ES256_SIGNATURE_BYTES = 64;

/**
 * Verifies with a callback, so the ECDSA math runs on libuv's thread pool and the event loop goes on
 * serving. That is what the agents' hot path needs: measured on 2 cores, the event loop spends
 * ~10 µs per proof this way, WebCrypto's `subtle.verify` (what jose calls) ~20 µs, and the
 * synchronous `verify` ~80 µs (`npm run bench -- compare`; README, Benchmarks).
 */
export function verifyEs256(
  key: KeyObject,
  signingInput: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (signature.byteLength !== ES256_SIGNATURE_BYTES) return Promise.resolve(false);
  return new Promise((resolve) => {
    verify('sha256', signingInput, { key, dsaEncoding: 'ieee-p1363' }, signature, (error, valid) =>
      resolve(!error && valid),
    );
  });
}
