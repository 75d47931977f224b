// Checks the `Authorization: MBAM-Device <JWS>` proof on every agent call (DESIGN.md "Device proof"):
// signature by the enrolled key, a known and unrevoked device, method, path, fresh `iat`, an unused
// `jti`, and the body hash. The jti is *consumed* (consumeDeviceProof) only once the request has
// passed every check that needs no database write: a replay then fails on the primary key, and bad
// input is refused without writing anything. (A request refused for what only the database knows, an
// escrow's 409 conflict or a rotation of an unknown key protector, has spent its proof and writes
// nothing else; agents sign a new proof for every request anyway.)
import type { Kysely } from 'kysely';
import type { ComplianceDatabase } from '../db/compliance-database';
import { type Param, preparedQuery } from '../db/prepared-query';
import type { MachineRow, RecoveryDatabase } from '../db/recovery-database';
import { UserError } from '../errors';
import {
  DEVICE_PROOF_MAX_SKEW_SECONDS,
  DEVICE_PROOF_SCHEME,
  DEVICE_PROOF_TYPE,
  type DeviceProofClaims,
  bodySha256,
} from '../protocol';
import { isoNow } from '../shared/clock';
import { isUniqueViolation } from '../shared/unique-violation';
import { type CompactJws, parseCompactJws } from './compact-jws';
import { findDeviceWithMachine } from './device-repository';
import type { ProofSignatures } from './proof-signatures';

export interface DeviceContext {
  deviceId: string;
  machine: MachineRow;
  /** disclosed protectors awaiting rotation, read with the device (saves a query per status report) */
  pendingRotations: number;
  jti: string;
  /** after this instant the jti can no longer be replayed (iat is too old), so its record may go */
  jtiExpiresAt: string;
}

export interface ProofRequest {
  authorization: string | undefined;
  method: string;
  path: string;
  rawBody: string | undefined;
  now?: Date;
}

const invalid = (message: string) =>
  new UserError('invalid_device_proof', message, { field: 'Authorization' });

const HEADER_SHAPE = `The device proof header must be {"alg":"ES256","typ":"${DEVICE_PROOF_TYPE}","kid":<deviceId>}.`;

/** Enrollment names every device with a random UUID. */
const DEVICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DeviceProofVerifier {
  readonly #recovery: Kysely<RecoveryDatabase>;
  readonly #signatures: ProofSignatures;

  constructor(recovery: Kysely<RecoveryDatabase>, signatures: ProofSignatures) {
    this.#recovery = recovery;
    this.#signatures = signatures;
  }

  async verify(request: ProofRequest): Promise<DeviceContext> {
    const proof = parseCompactJws(parseAuthorization(request.authorization));
    if (!proof) {
      throw invalid('The device proof is not a compact JWS (three base64url parts separated by dots).');
    }
    const kid = checkHeader(proof.header);
    const found = await findDeviceWithMachine(this.#recovery, kid);
    if (!found) throw invalid('The device proof names a device this server does not know; enroll again.');
    if (found.device.revoked_at) {
      const message = 'This device has been revoked by an administrator; enroll again.';
      throw new UserError('device_revoked', message, { field: 'Authorization' });
    }
    const verdict = await this.#signatures.check({
      publicKeyJwk: found.device.public_key_jwk,
      signingInput: proof.signingInput,
      signature: proof.signature,
    });
    if (verdict === 'unusable-key') {
      throw invalid('The key this device enrolled with is not a P-256 public key; enroll again.');
    }
    if (verdict !== 'valid') {
      throw invalid('The device proof signature does not verify with the key this device enrolled with.');
    }
    const claims = parseClaims(proof.payload);
    const now = request.now ?? new Date();
    checkClaims(claims, request, now);
    return {
      deviceId: kid,
      machine: found.machine,
      pendingRotations: found.pendingRotations,
      jti: claims.jti,
      jtiExpiresAt: isoNow(new Date((claims.iat + DEVICE_PROOF_MAX_SKEW_SECONDS * 2) * 1000)),
    };
  }
}

/**
 * The header DESIGN.md fixes, and nothing that would change what the signature covers: no `crit`
 * extension is understood here (RFC 7515 §4.1.11), so neither it nor `b64` (RFC 7797) is accepted.
 */
function checkHeader(header: CompactJws['header']): string {
  if (header.alg !== 'ES256' || header.typ !== DEVICE_PROOF_TYPE || 'crit' in header || 'b64' in header) {
    throw invalid(HEADER_SHAPE);
  }
  // Checked before the lookup: a kid is text the caller chose, and PostgreSQL refuses some text (U+0000).
  if (typeof header.kid !== 'string' || !DEVICE_ID.test(header.kid)) {
    throw invalid(
      'The device proof header has no valid `kid`; expected the device id returned by enrollment, e.g. "0b6f3f4e-8a51-4c1e-9d0a-4be1c1b1f7a2".',
    );
  }
  return header.kid;
}

function parseClaims(payload: Uint8Array): DeviceProofClaims {
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch {
    claims = undefined;
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw invalid('The device proof payload must be a JSON object of claims {htm, htu, iat, jti, bsha256}.');
  }
  return claims as DeviceProofClaims;
}

function parseAuthorization(header: string | undefined): string {
  const prefix = `${DEVICE_PROOF_SCHEME} `;
  if (!header || !header.startsWith(prefix) || header.length <= prefix.length) {
    throw new UserError(
      'unauthorized',
      `This call needs the header "Authorization: ${DEVICE_PROOF_SCHEME} <JWS>".`,
      {
        field: 'Authorization',
      },
    );
  }
  return header.slice(prefix.length).trim();
}

function checkClaims(claims: DeviceProofClaims, request: ProofRequest, now: Date): void {
  if (claims.htm !== request.method.toUpperCase()) {
    throw invalid(`The device proof was made for method ${String(claims.htm)}, not ${request.method}.`);
  }
  if (claims.htu !== request.path) {
    throw invalid(`The device proof was made for another path; expected htu "${request.path}".`);
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (typeof claims.iat !== 'number' || Math.abs(nowSeconds - claims.iat) > DEVICE_PROOF_MAX_SKEW_SECONDS) {
    throw invalid(
      `The device proof's iat is more than ${DEVICE_PROOF_MAX_SKEW_SECONDS}s from the server's clock; check the device clock and sign each request when it is sent.`,
    );
  }
  if (typeof claims.jti !== 'string' || claims.jti.length < 8 || claims.jti.length > 64) {
    throw invalid('The device proof needs a unique jti of 8 to 64 characters.');
  }
  if (claims.bsha256 !== bodySha256(request.rawBody)) {
    throw invalid('The device proof bsha256 does not match the base64url SHA-256 of the request body.');
  }
}

const insertNonce = preparedQuery(
  (db: Kysely<ComplianceDatabase>, param: Param<{ deviceId: string; jti: string; expiresAt: string }>) =>
    db
      .insertInto('device_proof_nonces')
      .values({ device_id: param('deviceId'), jti: param('jti'), expires_at: param('expiresAt') }),
);

/** Records the proof's jti as used, inside the request's write: a concurrent replay loses the race. */
export async function consumeDeviceProof(
  db: Kysely<ComplianceDatabase>,
  context: DeviceContext,
): Promise<void> {
  try {
    await insertNonce(db, { deviceId: context.deviceId, jti: context.jti, expiresAt: context.jtiExpiresAt });
  } catch (error) {
    if (isUniqueViolation(error))
      throw invalid('This device proof was already used; sign a new proof for every request.');
    throw error;
  }
}

export async function purgeExpiredDeviceProofs(
  db: Kysely<ComplianceDatabase>,
  now = new Date(),
): Promise<number> {
  const result = await db
    .deleteFrom('device_proof_nonces')
    .where('expires_at', '<', isoNow(now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
