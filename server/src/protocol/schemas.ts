// The agent ⇄ server wire format v1 (DESIGN.md "Wire format"), in one place for both sides.
// Every object rejects unknown fields; the server validates requests and the agent validates answers.
import { type SchemaOptions, type Static, type TLiteral, type TUnion, Type } from '@sinclair/typebox';
import { GUID_PATTERN, RECOVERY_PASSWORD_PATTERN } from './patterns';

const Guid = Type.String({ pattern: GUID_PATTERN, description: 'GUID, with or without braces' });
const ShortText = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const strict = { additionalProperties: false } as const;

/** A closed set of names (drive types, encryption methods, …), as one schema and one TypeScript union. */
function oneOf<const T extends string>(
  values: readonly T[],
  options: SchemaOptions = {},
): TUnion<TLiteral<T>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    { description: values.join(', '), ...options },
  );
}

// The name lists below are in Win32_EncryptableVolume's numeric order (index = the WMI value), so the
// agent maps WMI numbers to these names by position (agent/src/platform/windows/enums.ts).
export const DRIVE_TYPES = ['OperatingSystem', 'FixedData', 'RemovableData'] as const;
export const DriveType = oneOf(DRIVE_TYPES, {
  description: 'OperatingSystem, FixedData or RemovableData',
});
export type DriveType = Static<typeof DriveType>;

export const CONVERSION_STATUSES = [
  'FullyDecrypted',
  'FullyEncrypted',
  'EncryptionInProgress',
  'DecryptionInProgress',
  'EncryptionPaused',
  'DecryptionPaused',
] as const;
export const ConversionStatus = oneOf(CONVERSION_STATUSES);
export type ConversionStatus = Static<typeof ConversionStatus>;

/** Win32_EncryptableVolume.GetEncryptionMethod values, by name. */
export const ENCRYPTION_METHODS = [
  'None',
  'Aes128Diffuser',
  'Aes256Diffuser',
  'Aes128',
  'Aes256',
  'HardwareEncryption',
  'XtsAes128',
  'XtsAes256',
  'Unknown',
] as const;
export const EncryptionMethod = oneOf(ENCRYPTION_METHODS);
export type EncryptionMethod = Static<typeof EncryptionMethod>;

export const PROTECTION_STATUSES = ['Off', 'On', 'Unknown'] as const;
export const ProtectionStatus = oneOf(PROTECTION_STATUSES);
export type ProtectionStatus = Static<typeof ProtectionStatus>;

/** Win32_EncryptableVolume key protector types 0–10, named after the WMI documentation. */
export const KEY_PROTECTOR_TYPES = [
  'Unknown',
  'Tpm',
  'ExternalKey',
  'NumericalPassword',
  'TpmPin',
  'TpmStartupKey',
  'TpmPinStartupKey',
  'PublicKey',
  'Passphrase',
  'TpmCertificate',
  'CngProtector',
] as const;
export const KeyProtectorType = oneOf(KEY_PROTECTOR_TYPES);
export type KeyProtectorType = Static<typeof KeyProtectorType>;

export const JsonWebKeyP256 = Type.Object(
  {
    kty: Type.Literal('EC'),
    crv: Type.Literal('P-256'),
    x: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
    y: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  },
  strict,
);

export const EnrollRequest = Type.Object(
  {
    enrollmentToken: ShortText(200),
    machine: Type.Object(
      {
        computerName: ShortText(63),
        domain: Type.String({ maxLength: 255 }),
        fqdn: Type.String({ maxLength: 255 }),
        osVersion: Type.String({ maxLength: 64 }),
        manufacturer: Type.String({ maxLength: 128 }),
        model: Type.String({ maxLength: 128 }),
        tpm: Type.Object(
          {
            present: Type.Boolean(),
            version: Type.Optional(Type.String({ maxLength: 32 })),
            manufacturer: Type.Optional(Type.String({ maxLength: 64 })),
          },
          strict,
        ),
      },
      strict,
    ),
    publicKey: JsonWebKeyP256,
  },
  strict,
);
export type EnrollRequest = Static<typeof EnrollRequest>;

export const EnrollResponse = Type.Object({ deviceId: Type.String() }, strict);
export type EnrollResponse = Static<typeof EnrollResponse>;

export const EscrowRequest = Type.Object(
  {
    volumeId: Guid,
    driveType: DriveType,
    mountPoint: Type.Optional(Type.String({ maxLength: 260 })),
    keyProtectorId: Guid,
    recoveryPassword: Type.String({
      pattern: RECOVERY_PASSWORD_PATTERN,
      description: '48 digits in 8 groups of 6, separated by hyphens',
    }),
    keyPackage: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', maxLength: 65536, description: 'base64' }),
    ),
    tpmOwnerAuth: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  },
  strict,
);
export type EscrowRequest = Static<typeof EscrowRequest>;

export const EscrowResponse = Type.Object(
  { volumeId: Type.String(), keyProtectorId: Type.String(), created: Type.Boolean() },
  strict,
);
export type EscrowResponse = Static<typeof EscrowResponse>;

export const VolumeStatus = Type.Object(
  {
    volumeId: Guid,
    driveType: DriveType,
    mountPoint: Type.Optional(Type.String({ maxLength: 260 })),
    conversionStatus: ConversionStatus,
    encryptionPercentage: Type.Number({ minimum: 0, maximum: 100 }),
    encryptionMethod: EncryptionMethod,
    protectionStatus: ProtectionStatus,
    keyProtectors: Type.Array(Type.Object({ id: Guid, type: KeyProtectorType }, strict), { maxItems: 64 }),
    compliant: Type.Boolean(),
    reasonsForNoncompliance: Type.Array(Type.Integer({ minimum: 0, maximum: 16 }), { maxItems: 17 }),
  },
  strict,
);
export type VolumeStatus = Static<typeof VolumeStatus>;

export const StatusRequest = Type.Object(
  {
    agentVersion: Type.String({ minLength: 1, maxLength: 32 }),
    policyHash: Type.String({ maxLength: 128 }),
    users: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 256 }),
    tpm: Type.Object(
      {
        present: Type.Boolean(),
        ready: Type.Boolean(),
        version: Type.Optional(Type.String({ maxLength: 32 })),
      },
      strict,
    ),
    volumes: Type.Array(VolumeStatus, { maxItems: 64 }),
  },
  strict,
);
export type StatusRequest = Static<typeof StatusRequest>;

export const StatusResponse = Type.Object(
  {
    rotate: Type.Array(Type.String(), {
      description: 'key protector ids whose recovery password was disclosed',
    }),
    nextReportSeconds: Type.Integer({ minimum: 1 }),
  },
  strict,
);
export type StatusResponse = Static<typeof StatusResponse>;

export const RotatedParams = Type.Object({ keyProtectorId: Guid }, strict);
export const RotatedResponse = Type.Object(
  { keyProtectorId: Type.String(), rotated: Type.Boolean() },
  strict,
);
export type RotatedResponse = Static<typeof RotatedResponse>;

export const ErrorResponse = Type.Object(
  {
    error: Type.Object(
      { code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) },
      strict,
    ),
  },
  strict,
);
export type ErrorResponse = Static<typeof ErrorResponse>;
