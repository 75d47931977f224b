// The one seam between the agent and Windows. Everything the agent knows about a machine, and every
// change it makes to one, goes through this interface: `WindowsPlatform` talks to WMI through
// PowerShell, `SimulatedMachine` keeps a machine in memory for tests and the fleet simulator.
// Identifiers are normalised on the way in: volume and protector ids are `{UPPER-CASE GUID}`.
import type {
  ConversionStatus,
  DriveType,
  EncryptionMethod,
  KeyProtectorType,
  ProtectionStatus,
} from '@openmbam/server/protocol';

export interface KeyProtector {
  /** `{GUID}`; on an un-owned hardware-encryption band Windows answers the literal `BitLocker`. */
  readonly id: string;
  readonly type: KeyProtectorType;
}

export interface Volume {
  /** The volume GUID from `DeviceID` (`\\?\Volume{GUID}\`), `{UPPER-CASE}`. */
  readonly volumeId: string;
  /** `C:`, or the `DeviceID` path when the volume has no letter. */
  readonly mountPoint: string;
  readonly driveType: DriveType;
  readonly locked: boolean;
  /** `null` when the volume is locked: Windows does not say (never read it as "decrypted"). */
  readonly conversionStatus: ConversionStatus | null;
  readonly encryptionPercentage: number | null;
  readonly encryptionMethod: EncryptionMethod;
  readonly protectionStatus: ProtectionStatus;
  readonly autoUnlockEnabled: boolean | null;
  readonly keyProtectors: readonly KeyProtector[];
}

export interface TpmState {
  readonly present: boolean;
  readonly enabled: boolean;
  readonly activated: boolean;
  readonly owned: boolean;
  /** `1.2` or `2.0` (first part of `SpecVersion`). */
  readonly version?: string;
  /** Four-letter vendor id decoded from `ManufacturerId`, e.g. `IFX`. */
  readonly manufacturer?: string;
}

export interface MachineIdentity {
  readonly computerName: string;
  readonly domain: string;
  readonly fqdn: string;
  readonly osVersion: string;
  readonly manufacturer: string;
  readonly model: string;
}

export interface LoggedOnUser {
  /** `DOMAIN\name` */
  readonly name: string;
  /** `console` (logon type 2/11) or `remote` (type 10, RDP): no encryption starts while a remote session is active. */
  readonly session: 'console' | 'remote';
  /** The per-user MBAM exemption policy applies to this user. */
  readonly exempt: boolean;
}

/** A registry value as Windows returns it: REG_DWORD/REG_QWORD → number, REG_SZ/EXPAND_SZ → string, MULTI_SZ → array. */
export type RegistryData = number | string | readonly string[];

/** Values of one key by name; `null` when the key does not exist. */
export type RegistryKeyValues = Readonly<Record<string, RegistryData>> | null;

export interface StartEncryptionOptions {
  readonly method: EncryptionMethod;
  readonly usedSpaceOnly: boolean;
}

export interface Platform {
  getMachineIdentity(): Promise<MachineIdentity>;
  getTpm(): Promise<TpmState>;
  getVolumes(): Promise<Volume[]>;
  getLoggedOnUsers(): Promise<LoggedOnUser[]>;
  /** Reads `HKLM\<key>` for each key (keys without hive, e.g. `SOFTWARE\Policies\Microsoft\FVE`). */
  readRegistry(keys: readonly string[]): Promise<Record<string, RegistryKeyValues>>;

  /** The 48-digit password of a numerical-password protector. A secret: never log it. */
  getRecoveryPassword(volumeId: string, protectorId: string): Promise<string>;
  /** The volume's key package (base64), or `null` when Windows cannot give one. A secret. */
  getKeyPackage(volumeId: string, protectorId: string): Promise<string | null>;
  /** The TPM owner authorization if Windows still holds it locally (rare since 1607), else `null`. A secret. */
  getTpmOwnerAuth(): Promise<string | null>;

  /** Adds a numerical-password protector with a password Windows generates; returns the new protector id. */
  addRecoveryPasswordProtector(volumeId: string): Promise<string>;
  addTpmProtector(volumeId: string): Promise<string>;
  /** Adds an external key and turns on auto-unlock (fixed data drives). */
  enableAutoUnlock(volumeId: string): Promise<void>;
  deleteKeyProtector(volumeId: string, protectorId: string): Promise<void>;
  startEncryption(volumeId: string, options: StartEncryptionOptions): Promise<void>;
  resumeEncryption(volumeId: string): Promise<void>;
  resumeProtection(volumeId: string): Promise<void>;
}

export const TPM_PROTECTOR_TYPES: readonly KeyProtectorType[] = [
  'Tpm',
  'TpmPin',
  'TpmStartupKey',
  'TpmPinStartupKey',
];
