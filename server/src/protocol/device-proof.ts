// Device proof (DESIGN.md "Protocol"): every call after enrollment carries
// `Authorization: MBAM-Device <compact JWS>` signed ES256 with the device key. Both sides use this
// module so the header, claims and body hash cannot drift apart.
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export const DEVICE_PROOF_SCHEME = 'MBAM-Device';
export const DEVICE_PROOF_TYPE = 'mbam-device+jwt';
/** How far `iat` may be from the server's clock, in seconds, either way. */
export const DEVICE_PROOF_MAX_SKEW_SECONDS = 120;

export interface DeviceProofClaims {
  htm: string;
  htu: string;
  iat: number;
  jti: string;
  bsha256: string;
}

/** base64url SHA-256 of the exact request body bytes (empty body → hash of the empty string). */
export function bodySha256(body: string | Uint8Array | undefined): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('base64url');
}

export interface DeviceProofInput {
  /** the device's ES256 private key (a KeyObject, CryptoKey or private JWK) */
  privateKey: Parameters<SignJWT['sign']>[0];
  deviceId: string;
  method: string;
  /** request path and query, e.g. `/api/v1/status` */
  path: string;
  body?: string | Uint8Array;
  now?: Date;
}

export async function createDeviceProof(input: DeviceProofInput): Promise<string> {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ htm: input.method.toUpperCase(), htu: input.path, bsha256: bodySha256(input.body) })
    .setProtectedHeader({ alg: 'ES256', kid: input.deviceId, typ: DEVICE_PROOF_TYPE })
    .setIssuedAt(iat)
    .setJti(randomUUID())
    .sign(input.privateKey);
}

export function deviceProofHeader(proof: string): string {
  return `${DEVICE_PROOF_SCHEME} ${proof}`;
}
