// The three parts of a device proof (RFC 7515 compact serialization), read with jose's decoders.
// The signature is checked by devices/device-key.ts; this only takes the proof apart.
import { type ProtectedHeaderParameters, base64url, decodeProtectedHeader } from 'jose';

export interface CompactJws {
  header: ProtectedHeaderParameters;
  /** the exact bytes the signature covers: the first two parts as sent, with their dot */
  signingInput: Buffer;
  payload: Uint8Array;
  signature: Uint8Array;
}

// Only the base64url alphabet, so the signing input is the ASCII the device signed, byte for byte.
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** The proof's parts, or undefined when it is not three base64url parts with a JSON object header. */
export function parseCompactJws(proof: string): CompactJws | undefined {
  const parts = COMPACT_JWS.exec(proof);
  if (!parts) return undefined;
  try {
    return {
      header: decodeProtectedHeader(proof),
      signingInput: Buffer.from(`${parts[1]}.${parts[2]}`, 'ascii'),
      payload: base64url.decode(parts[2]!),
      signature: base64url.decode(parts[3]!),
    };
  } catch {
    return undefined;
  }
}
