// Key escrow: one key protector of one volume, idempotent on (device's machine, volume, protector).
// Secrets are sealed before the transaction (sealing may call Key Vault), and the answer is sent
// only after the transaction has committed (synchronous=FULL on SQLite), so an acknowledged escrow
// survives a crash.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RecoveryDatabase } from '../db/recovery-database';
import type { Transact } from '../db/transact';
import type { DeviceContext } from '../devices/device-proof-verifier';
import { UserError } from '../errors';
import { type EscrowRequest, checkRecoveryPassword, normalizeGuid } from '../protocol';
import type { SecretSealer } from '../secrets';
import { isoNow } from '../shared/clock';
import { isUniqueViolation } from '../shared/unique-violation';
import { keyPackageAad, recoveryPasswordAad, tpmOwnerAuthAad } from './associated-data';
import * as keys from './key-protector-repository';

export interface EscrowResult {
  volumeId: string;
  keyProtectorId: string;
  created: boolean;
}

/** Throws a teaching error when the password's groups fail the divisible-by-11 rule; never echoes it. */
export function assertValidRecoveryPassword(password: string): void {
  const problem = checkRecoveryPassword(password);
  if (!problem) return;
  throw new UserError(
    'invalid_recovery_password',
    problem.kind === 'format'
      ? 'recoveryPassword must be 48 digits in 8 groups of 6 separated by hyphens, e.g. 123456-…'
      : `recoveryPassword group ${problem.group} is ${problem.reason}; each group of a BitLocker recovery password is a multiple of 11 no greater than 720885.`,
    { field: '/recoveryPassword' },
  );
}

export async function escrowRecoveryKey(
  transact: Transact<RecoveryDatabase>,
  sealer: SecretSealer,
  device: DeviceContext,
  request: EscrowRequest,
  now = new Date(),
): Promise<EscrowResult> {
  assertValidRecoveryPassword(request.recoveryPassword);
  const machineId = device.machine.id;
  const volumeGuid = normalizeGuid(request.volumeId);
  const keyProtectorId = normalizeGuid(request.keyProtectorId);
  const sealedPassword = await sealer.seal(
    request.recoveryPassword,
    recoveryPasswordAad(machineId, volumeGuid, keyProtectorId),
  );
  const sealedPackage = request.keyPackage
    ? await sealer.seal(
        Buffer.from(request.keyPackage, 'base64'),
        keyPackageAad(machineId, volumeGuid, keyProtectorId),
      )
    : null;
  const sealedOwnerAuth = request.tpmOwnerAuth
    ? await sealer.seal(request.tpmOwnerAuth, tpmOwnerAuthAad(machineId))
    : null;
  const nowIso = isoNow(now);

  const attempt = () =>
    transact(async (trx): Promise<EscrowResult> => {
      let volume = await keys.findVolume(trx, machineId, volumeGuid);
      if (!volume) {
        volume = {
          id: randomUUID(),
          machine_id: machineId,
          volume_guid: volumeGuid,
          drive_type: request.driveType,
          mount_point: request.mountPoint ?? null,
          created_at: nowIso,
          updated_at: nowIso,
        };
        await keys.insertVolume(trx, volume);
      } else if (
        volume.drive_type !== request.driveType ||
        volume.mount_point !== (request.mountPoint ?? null)
      ) {
        await keys.updateVolume(trx, volume.id, {
          drive_type: request.driveType,
          mount_point: request.mountPoint ?? null,
          updated_at: nowIso,
        });
      }
      if (sealedOwnerAuth) {
        await keys.upsertTpmOwnerAuth(trx, {
          machine_id: machineId,
          ciphertext: sealedOwnerAuth.ciphertext,
          wrapped_key: sealedOwnerAuth.wrappedKey,
          kek_id: sealedOwnerAuth.kekId,
          updated_at: nowIso,
        });
      }
      const existing = await keys.findKeyProtector(trx, volume.id, keyProtectorId);
      if (existing) {
        const stored = await sealer.open(
          {
            ciphertext: existing.recovery_password_ciphertext,
            wrappedKey: existing.recovery_password_wrapped_key,
            kekId: existing.recovery_password_kek_id,
          },
          recoveryPasswordAad(machineId, volumeGuid, keyProtectorId),
        );
        const sent = Buffer.from(request.recoveryPassword);
        if (stored.length !== sent.length || !timingSafeEqual(stored, sent)) {
          throw new UserError(
            'conflict',
            `Key protector ${keyProtectorId} of volume ${volumeGuid} is already escrowed with a different recovery password; a protector id names one password for life, so a new password needs a new protector.`,
            { field: '/keyProtectorId' },
          );
        }
        return { volumeId: volumeGuid, keyProtectorId, created: false };
      }
      await keys.insertKeyProtector(trx, {
        id: randomUUID(),
        volume_id: volume.id,
        machine_id: machineId,
        key_protector_id: keyProtectorId,
        recovery_password_ciphertext: sealedPassword.ciphertext,
        recovery_password_wrapped_key: sealedPassword.wrappedKey,
        recovery_password_kek_id: sealedPassword.kekId,
        key_package_ciphertext: sealedPackage?.ciphertext ?? null,
        key_package_wrapped_key: sealedPackage?.wrappedKey ?? null,
        key_package_kek_id: sealedPackage?.kekId ?? null,
        escrowed_by_device_id: device.deviceId,
        created_at: nowIso,
        disclosed_at: null,
        rotated_at: null,
      });
      return { volumeId: volumeGuid, keyProtectorId, created: true };
    });

  try {
    return await attempt();
  } catch (error) {
    // The same escrow arrived twice at once (agent retry): the second sees the first's row.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

/**
 * The agent confirms that a disclosed protector is gone from the volume. Refused while the volume has
 * no other escrowed, undisclosed protector: a disclosed key is never the only escrowed key of a volume.
 */
export async function confirmRotation(
  db: Kysely<RecoveryDatabase>,
  device: DeviceContext,
  keyProtectorIdParam: string,
  now = new Date(),
): Promise<{ keyProtectorId: string; rotated: boolean }> {
  const keyProtectorId = normalizeGuid(keyProtectorIdParam);
  return db.transaction().execute(async (trx) => {
    const protector = await keys.findMachineKeyProtector(trx, device.machine.id, keyProtectorId);
    if (!protector) {
      throw new UserError(
        'not_found',
        `Key protector ${keyProtectorId} was never escrowed by this computer.`,
        {
          field: 'keyProtectorId',
        },
      );
    }
    if (!protector.disclosed_at) {
      throw new UserError(
        'conflict',
        `Key protector ${keyProtectorId} was not disclosed, so it has no rotation to confirm; rotate only the ids named in the status answer.`,
        { field: 'keyProtectorId' },
      );
    }
    if (protector.rotated_at) return { keyProtectorId, rotated: true };
    if ((await keys.countUndisclosedProtectors(trx, protector.volume_id)) === 0) {
      throw new UserError(
        'conflict',
        `The volume of key protector ${keyProtectorId} has no new escrowed recovery password yet; escrow the new protector before confirming the rotation.`,
        { field: 'keyProtectorId' },
      );
    }
    await keys.markRotated(trx, protector.id, isoNow(now));
    return { keyProtectorId, rotated: true };
  });
}
