// Enrollment: a valid token plus the machine's identity and public key make a device.
// A computer enrolled again (re-imaged, agent reinstalled) keeps its machine record and its keys.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RecoveryDatabase } from '../db/recovery-database';
import { devicePublicKey } from '../devices/device-key.mjs';
import * as devices from '../devices/device-repository';
import { UserError } from '../errors';
import type { EnrollRequest } from '../protocol';
import { isoNow } from '../shared/clock';
import { isUniqueViolation } from '../shared/unique-violation';
import * as tokens from './token-repository';
import { hashToken, toEnrollmentToken } from './tokens';

export const machineIdentityKey = (domain: string, computerName: string): string =>
  `${domain.trim()}\\${computerName.trim()}`.toUpperCase();

export async function enrollDevice(
  db: Kysely<RecoveryDatabase>,
  request: EnrollRequest,
  now = new Date(),
): Promise<{ deviceId: string; machineId: string }> {
  // The schema checks the JWK's shape; only importing it tells whether x and y are a point on the
  // curve. Checked before the token is spent, or the device could enroll and never be heard.
  if (!devicePublicKey(request.publicKey)) {
    throw new UserError(
      'validation_failed',
      'The public key is not a point on the P-256 curve; send the public half of the ES256 key pair the agent made, e.g. {"kty":"EC","crv":"P-256","x":"<43 base64url>","y":"<43 base64url>"}.',
      { field: '/publicKey' },
    );
  }
  const token = await tokens.findTokenByHash(db, hashToken(request.enrollmentToken));
  const state = token ? toEnrollmentToken(token, now).state : 'unknown';
  if (!token || state !== 'active') {
    throw new UserError(
      'enrollment_token_invalid',
      state === 'unknown'
        ? 'The enrollment token is not known to this server; ask your administrator for a token made with `openmbam token create`.'
        : `The enrollment token is ${state}; ask your administrator for a new one (\`openmbam token create\`).`,
      { field: '/enrollmentToken' },
    );
  }
  const nowIso = isoNow(now);
  const m = request.machine;
  const identityKey = machineIdentityKey(m.domain, m.computerName);
  const machineFields = {
    computer_name: m.computerName,
    domain: m.domain,
    fqdn: m.fqdn,
    os_version: m.osVersion,
    manufacturer: m.manufacturer,
    model: m.model,
    tpm_present: m.tpm.present ? 1 : 0,
    tpm_version: m.tpm.version ?? null,
    tpm_manufacturer: m.tpm.manufacturer ?? null,
    updated_at: nowIso,
  } as const;

  const attempt = () =>
    db.transaction().execute(async (trx) => {
      if (!(await tokens.consumeToken(trx, token.id, nowIso))) {
        throw new UserError(
          'enrollment_token_invalid',
          'The enrollment token was used up or revoked just now.',
          {
            field: '/enrollmentToken',
          },
        );
      }
      const existing = await devices.findMachineByIdentity(trx, identityKey);
      if (existing && token.allow_reenrollment !== 1) {
        // A shared fleet token must not let its holder attach a device to another computer's record.
        throw new UserError(
          'conflict',
          `Computer ${m.domain}\\${m.computerName} is already enrolled. To enroll it again (re-imaged, agent reinstalled), use a token made with \`openmbam token create --allow-reenrollment\`; its earlier devices are then revoked.`,
          { field: '/machine/computerName' },
        );
      }
      const machineId = existing?.id ?? randomUUID();
      if (existing) {
        await devices.updateMachine(trx, machineId, machineFields);
        await devices.revokeDevicesOfMachine(trx, machineId, nowIso);
      } else {
        await devices.insertMachine(trx, {
          id: machineId,
          identity_key: identityKey,
          created_at: nowIso,
          ...machineFields,
        });
      }
      const deviceId = randomUUID();
      await devices.insertDevice(trx, {
        id: deviceId,
        machine_id: machineId,
        public_key_jwk: JSON.stringify(request.publicKey),
        enrollment_token_id: token.id,
        enrolled_at: nowIso,
        revoked_at: null,
      });
      return { deviceId, machineId };
    });

  try {
    return await attempt();
  } catch (error) {
    // Two first enrollments of the same computer raced on the machine's identity: the loser retries
    // and finds the winner's machine record.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}
