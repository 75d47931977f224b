// Win32_EncryptableVolume records (from `volumesScript`) → `Volume`s. A record that cannot be read is
// left out with the exact cause in `problems`: the agent then neither reports nor touches that volume.
import { Type } from '@sinclair/typebox';
import { isGuid, normalizeGuid } from '@openmbam/server/protocol';
import { PlatformError, truncateForMessage } from '../../errors';
import type { KeyProtector, Volume } from '../platform';
import { checkOutput } from './check-output';
import * as enums from './enums';
import { VolumeRecord, type KeyProtectorRecord } from './wmi-schemas';

/** FVE_E_NOT_ACTIVATED: BitLocker is not on for the volume, so it has no protectors. */
const FVE_E_NOT_ACTIVATED = 0x80310008;

export interface ParsedVolumes {
  volumes: Volume[];
  problems: string[];
}

export function parseVolumes(output: unknown): ParsedVolumes {
  const records = checkOutput(
    Type.Union([Type.Array(Type.Unknown()), Type.Object({}), Type.Null()]),
    output,
    'read BitLocker volumes',
  );
  const list = records === null ? [] : Array.isArray(records) ? records : [records];
  const volumes: Volume[] = [];
  const problems: string[] = [];
  list.forEach((record, i) => {
    try {
      volumes.push(parseVolume(record));
    } catch (err) {
      problems.push(`volume #${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return { volumes, problems };
}

export function parseVolume(value: unknown): Volume {
  const r = checkOutput(VolumeRecord, value, 'read a BitLocker volume');
  const guid = /\{([0-9A-Fa-f-]{36})\}/.exec(r.DeviceID)?.[1] ?? '';
  if (!isGuid(guid)) throw bad(r.DeviceID, 'DeviceID', 'a \\\\?\\Volume{GUID}\\ path');
  const volumeId = normalizeGuid(guid);
  const locked = need(enums.lockStatus(r.LockStatus), r.LockStatus, 'LockStatus', '0 or 1');
  const conversionStatus =
    r.ConversionStatus === null
      ? null
      : need(enums.conversionStatus(r.ConversionStatus), r.ConversionStatus, 'ConversionStatus', '0–5');
  if (conversionStatus === null && !locked)
    throw bad(null, 'ConversionStatus', 'a value for an unlocked volume');
  const type =
    r.VolumeType === undefined || r.VolumeType === null
      ? r.IsSystemDrive
        ? 'OperatingSystem'
        : 'FixedData'
      : need(enums.driveType(r.VolumeType), r.VolumeType, 'VolumeType', '0, 1 or 2');
  const rv = r.GetKeyProtectorsReturnValue ?? 0;
  if (rv !== 0 && rv !== FVE_E_NOT_ACTIVATED)
    throw new PlatformError(
      'platform_operation_failed',
      `GetKeyProtectors failed with 0x${(rv >>> 0).toString(16)}`,
      { hresult: rv >>> 0 },
    );
  const protectors =
    r.KeyProtectors === undefined || r.KeyProtectors === null ? [] : [r.KeyProtectors].flat();
  return {
    volumeId,
    mountPoint: r.DriveLetter || r.DeviceID,
    driveType: type,
    locked,
    conversionStatus: locked ? null : conversionStatus,
    encryptionPercentage: locked ? null : r.EncryptionPercentage,
    encryptionMethod:
      r.EncryptionMethod === null
        ? 'Unknown'
        : need(
            enums.encryptionMethod(r.EncryptionMethod),
            r.EncryptionMethod,
            'EncryptionMethod',
            '0–7 or 4294967295',
          ),
    protectionStatus: need(
      enums.protectionStatus(r.ProtectionStatus),
      r.ProtectionStatus,
      'ProtectionStatus',
      '0, 1 or 2',
    ),
    autoUnlockEnabled: r.AutoUnlockEnabled ?? null,
    keyProtectors: protectors.map(parseKeyProtector),
  };
}

/** One protector (same field names as Get-BitLockerVolume's `KeyProtector` items; any secret field is ignored). */
export function parseKeyProtector(record: KeyProtectorRecord): KeyProtector {
  const type = need(
    enums.keyProtectorType(record.KeyProtectorType),
    record.KeyProtectorType,
    'KeyProtectorType',
    '0–10',
  );
  const id = record.KeyProtectorId;
  // Windows answers the literal "BitLocker" for an un-owned hardware-encryption band (§6.2).
  if (id !== 'BitLocker' && !isGuid(id)) throw bad(id, 'KeyProtectorId', 'a {GUID}');
  return { id: id === 'BitLocker' ? id : normalizeGuid(id), type };
}

function need<T>(mapped: T | undefined, raw: unknown, field: string, expected: string): T {
  if (mapped === undefined) throw bad(raw, field, expected);
  return mapped;
}

function bad(raw: unknown, field: string, expected: string): PlatformError {
  return new PlatformError(
    'platform_unexpected_output',
    `${field} is ${truncateForMessage(JSON.stringify(raw), 60)}; expected ${expected}`,
  );
}
