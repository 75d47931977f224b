// WMI numbers and PowerShell enum names → the protocol's names (reference/bitlocker-client.md §2, §4).
import {
  CONVERSION_STATUSES,
  type ConversionStatus,
  DRIVE_TYPES,
  type DriveType,
  ENCRYPTION_METHODS,
  type EncryptionMethod,
  KEY_PROTECTOR_TYPES,
  type KeyProtectorType,
  PROTECTION_STATUSES,
  type ProtectionStatus,
} from '@openmbam/server/protocol';

type Table<T> = { readonly numbers: readonly (T | undefined)[]; readonly names: Readonly<Record<string, T>> };

function lookup<T>(table: Table<T>, value: number | string): T | undefined {
  if (typeof value === 'number') return table.numbers[value];
  // own names only: "constructor" or "__proto__" would otherwise find Object.prototype's members
  const name = value.toLowerCase();
  if (Object.hasOwn(table.names, name)) return table.names[name];
  return /^\d+$/.test(value) ? table.numbers[Number(value)] : undefined;
}

const fromNames = <T extends string>(
  list: readonly T[],
  aliases: Record<string, T> = {},
): Record<string, T> => ({
  ...Object.fromEntries(list.map((n) => [n.toLowerCase(), n])),
  ...aliases,
});

// WMI numbers index these lists (the protocol keeps them in WMI order); 'Unknown' (0xFFFFFFFF) is not positional.
const METHODS: readonly EncryptionMethod[] = ENCRYPTION_METHODS.filter((m) => m !== 'Unknown');
const CONVERSIONS = CONVERSION_STATUSES;
const PROTECTION = PROTECTION_STATUSES;
const PROTECTORS = KEY_PROTECTOR_TYPES;
const DRIVES = DRIVE_TYPES;

export function encryptionMethod(value: number | string): EncryptionMethod | undefined {
  if (value === 0xffffffff || value === -1) return 'Unknown';
  return lookup(
    { numbers: METHODS, names: fromNames([...METHODS, 'Unknown'], { hardware: 'HardwareEncryption' }) },
    value,
  );
}

/**
 * `Encrypt`'s EncryptionMethod number, from the same positional list `encryptionMethod` reads, so writing
 * and reading cannot drift apart. Only software ciphers: None, hardware and Unknown have no number to ask for.
 */
export function encryptionMethodNumber(method: EncryptionMethod): number | undefined {
  const n = METHODS.indexOf(method);
  return n > 0 && method !== 'HardwareEncryption' ? n : undefined;
}

export function conversionStatus(value: number | string): ConversionStatus | undefined {
  // Get-BitLockerVolume reports a wipe after encryption under its own names; the volume is encrypted.
  const wipe = {
    fullyencryptedwipeinprogress: 'FullyEncrypted',
    fullyencryptedwipesuspended: 'FullyEncrypted',
  } as const;
  return lookup({ numbers: CONVERSIONS, names: fromNames(CONVERSIONS, wipe) }, value);
}

export function protectionStatus(value: number | string): ProtectionStatus | undefined {
  return lookup({ numbers: PROTECTION, names: fromNames(PROTECTION) }, value);
}

export function keyProtectorType(value: number | string): KeyProtectorType | undefined {
  const psNames = {
    recoverypassword: 'NumericalPassword',
    password: 'Passphrase',
    tpmnetworkkey: 'TpmCertificate',
    adaccountorgroup: 'CngProtector',
  } as const;
  return lookup({ numbers: PROTECTORS, names: fromNames(PROTECTORS, psNames) }, value);
}

/** Win32_EncryptableVolume.VolumeType: 0 OS, 1 fixed, 2 removable. */
export function driveType(value: number | string): DriveType | undefined {
  const names = {
    operatingsystem: 'OperatingSystem',
    fixed: 'FixedData',
    fixeddata: 'FixedData',
    removable: 'RemovableData',
    removabledata: 'RemovableData',
  } as const;
  return lookup({ numbers: DRIVES, names }, value);
}

export function lockStatus(value: number | string): boolean | undefined {
  return lookup({ numbers: [false, true], names: { unlocked: false, locked: true } }, value);
}
