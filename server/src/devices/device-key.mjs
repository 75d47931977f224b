// @ts-check
// A device's public key: the P-256 JWK it enrolled with, as node:crypto holds it, and the ES256
// check of a device proof's signature. Plain JavaScript, type-checked from JSDoc: the proof-signature
// worker thread loads it without the tsx loader the server runs under (proof-signatures.ts).
import { createPublicKey, verify } from 'node:crypto';

/**
 * @typedef {object} SignatureCheck
 * @property {string} publicKeyJwk the JWK the device enrolled with, as stored
 * @property {string} signingInput the first two parts of the compact JWS, with their dot
 * @property {string} signature the third part, base64url
 */

/** @typedef {'valid' | 'invalid-signature' | 'unusable-key'} SignatureVerdict */

/**
 * The key, or undefined when the JWK is not a point on P-256 (its shape alone cannot tell).
 * @param {import('node:crypto').JsonWebKey} jwk
 * @returns {import('node:crypto').KeyObject | undefined}
 */
export function devicePublicKey(jwk) {
  let key;
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

/** Importing a JWK costs more than verifying a signature, and a device's key never changes. */
const KEY_CACHE_LIMIT = 50_000;

/**
 * A function that checks one signature, keeping the keys it imports. It never throws: whatever a
 * stored key or a signature holds, the answer is one of the three verdicts.
 * @returns {(check: SignatureCheck) => SignatureVerdict}
 */
export function createSignatureChecker() {
  /** @type {Map<string, import('node:crypto').KeyObject | undefined>} by the JWK's text */
  const keys = new Map();
  /** @param {string} jwkText */
  const keyOf = (jwkText) => {
    if (keys.has(jwkText)) return keys.get(jwkText);
    const key = devicePublicKey(parseStoredJwk(jwkText));
    if (keys.size >= KEY_CACHE_LIMIT) keys.delete(/** @type {string} */ (keys.keys().next().value));
    keys.set(jwkText, key);
    return key;
  };
  return ({ publicKeyJwk, signingInput, signature }) => {
    // Enrollment refuses such keys; a device enrolled before it did, or a damaged row, must enroll again.
    const key = keyOf(publicKeyJwk);
    if (!key) return 'unusable-key';
    const rs = Buffer.from(signature, 'base64url');
    if (rs.byteLength !== ES256_SIGNATURE_BYTES) return 'invalid-signature';
    try {
      const data = Buffer.from(signingInput, 'ascii');
      return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, rs) ? 'valid' : 'invalid-signature';
    } catch {
      return 'invalid-signature';
    }
  };
}

/**
 * The JWK enrollment stored; anything else (a damaged row) reads as no key.
 * @param {string} text
 * @returns {import('node:crypto').JsonWebKey}
 */
function parseStoredJwk(text) {
  try {
    const jwk = JSON.parse(text);
    return typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk) ? jwk : {};
  } catch {
    return {};
  }
}
