// The shapes of what our PowerShell scripts print (raw WMI property and out-parameter names, so each
// field can be checked against the Win32_EncryptableVolume / Win32_Tpm documentation). Enums are accepted
// as numbers (Windows PowerShell 5.1, CIM) or names (PowerShell 7 -EnumsAsStrings, Get-BitLockerVolume).
// Extra fields are ignored: Windows adds properties across versions and the agent reads only these.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = Type.Union([Type.Integer(), Type.String()]);
/** PowerShell prints a one-element array as the element itself. */
const OneOrMany = <T extends TSchema>(t: T) => Type.Union([t, Type.Array(t)]);
/** A method's ReturnValue: a uint32 HRESULT, or the same 32 bits as a signed Int32 after a .NET cast. */
const HResult = Type.Integer({ minimum: -0x80000000, maximum: 0xffffffff });

export const KeyProtectorRecord = Type.Object({
  KeyProtectorId: Type.String({ minLength: 1 }),
  KeyProtectorType: Enum,
});
export type KeyProtectorRecord = Static<typeof KeyProtectorRecord>;

export const VolumeRecord = Type.Object({
  DeviceID: Type.String({ pattern: '^\\\\\\\\\\?\\\\Volume\\{[0-9A-Fa-f-]{36}\\}\\\\$' }),
  DriveLetter: Type.Optional(Nullable(Type.String())),
  VolumeType: Type.Optional(Nullable(Enum)),
  IsSystemDrive: Type.Optional(Type.Boolean()),
  LockStatus: Enum,
  ConversionStatus: Nullable(Enum),
  EncryptionPercentage: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
  ProtectionStatus: Enum,
  EncryptionMethod: Nullable(Enum),
  AutoUnlockEnabled: Type.Optional(Nullable(Type.Boolean())),
  GetKeyProtectorsReturnValue: Type.Optional(HResult),
  KeyProtectors: Type.Optional(Nullable(OneOrMany(KeyProtectorRecord))),
});
export type VolumeRecord = Static<typeof VolumeRecord>;

export const TpmRecord = Type.Object({
  TpmPresent: Type.Boolean(),
  IsEnabled_InitialValue: Type.Optional(Nullable(Type.Boolean())),
  IsActivated_InitialValue: Type.Optional(Nullable(Type.Boolean())),
  IsOwned_InitialValue: Type.Optional(Nullable(Type.Boolean())),
  SpecVersion: Type.Optional(Nullable(Type.String())),
  ManufacturerId: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
});
export type TpmRecord = Static<typeof TpmRecord>;

export const MachineRecord = Type.Object({
  Name: Type.String({ minLength: 1 }),
  Domain: Nullable(Type.String()),
  PartOfDomain: Type.Boolean(),
  DNSHostName: Nullable(Type.String()),
  Manufacturer: Nullable(Type.String()),
  Model: Nullable(Type.String()),
  Version: Type.String({ minLength: 1 }),
});
export type MachineRecord = Static<typeof MachineRecord>;

export const LogonRecord = Type.Object({
  Domain: Nullable(Type.String()),
  Name: Type.String({ minLength: 1 }),
  LogonType: Type.Integer(),
  Exempt: Type.Optional(Nullable(Type.Union([Type.Integer(), Type.String()]))),
});
export type LogonRecord = Static<typeof LogonRecord>;

const RegistryDataRecord = Type.Union([
  Type.Number(),
  Type.String(),
  Type.Array(Type.Union([Type.String(), Type.Number()])),
  Type.Null(),
]);
export const RegistryRecord = Type.Record(
  Type.String(),
  Nullable(Type.Record(Type.String(), RegistryDataRecord)),
);
export type RegistryRecord = Static<typeof RegistryRecord>;

/** What every WMI method script prints: the method's HRESULT and its out parameters. */
export const MethodResultRecord = Type.Object({
  ReturnValue: HResult,
  VolumeKeyProtectorID: Type.Optional(Nullable(Type.String())),
  NumericalPassword: Type.Optional(Nullable(Type.String())),
  KeyPackage: Type.Optional(Nullable(Type.String())),
  OwnerAuth: Type.Optional(Nullable(Type.String())),
});
export type MethodResultRecord = Static<typeof MethodResultRecord>;

export { OneOrMany };
