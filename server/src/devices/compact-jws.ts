// The three parts of a device proof (RFC 7515 compact serialization), read with jose's decoders.
// The signature is checked by proof-signatures.ts, on a worker thread, from the parts as sent; this
// only takes the proof apart.
import { type ProtectedHeaderParameters, base64url, decodeProtectedHeader } from 'jose';

export interface CompactJws {
  header: ProtectedHeaderParameters;
  /** the exact text the signature covers: the first two parts as sent, with their dot */
  signingInput: string;
  payload: Uint8Array;
  /** the third part, base64url as sent */
  signature: string;
}

// Only the base64url alphabet, so the signing input is the ASCII the device signed, byte for byte.
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** The proof's parts, or undefined when it is not three base64url parts with a JSON object header. */
export function parseCompactJws(proof: string): CompactJws | undefined {
  const parts = COMPACT_JWS.exec(proof);
  // In that alphabet, a length of 4k+1 is the one no base64 text has.
  if (!parts || parts[3]!.length % 4 === 1) return undefined;
  try {
    return {
      header: decodeProtectedHeader(proof),
      signingInput: `${parts[1]}.${parts[2]}`,
      payload: base64url.decode(parts[2]!),
      signature: parts[3]!,
    };
  } catch {
    return undefined;
  }
}
