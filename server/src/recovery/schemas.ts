// HTTP schemas of the Help Desk and Self-Service automation API (style.md: schemas in their own
// module; a schema for the body and every response status, which also stops field leaks).
import { Type, type Static } from '@sinclair/typebox';
import { ErrorResponse } from '../protocol';
import { REASON_CODES } from './reasons';

const Reason = Type.Union(
  REASON_CODES.map((c) => Type.Literal(c)),
  { description: 'one of MBAM’s 13 reason codes, or Other with reasonText' },
);
const ReasonText = Type.String({ minLength: 1, maxLength: 500, description: 'required with reason Other' });
const KeyId = Type.String({
  minLength: 1,
  maxLength: 64,
  description:
    'the recovery key id: at least its first 8 hexadecimal digits, or all 32 (braces and hyphens optional)',
});
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 255, description });

export const EndUser = Type.Object(
  { domain: Name('the end user’s logon domain, e.g. CONTOSO'), userName: Name('e.g. alice') },
  { additionalProperties: false },
);

export const HelpdeskRecoveryKeyRequest = Type.Object(
  {
    keyId: KeyId,
    reason: Reason,
    reasonText: Type.Optional(ReasonText),
    user: Type.Optional(EndUser),
  },
  { additionalProperties: false },
);
export type HelpdeskRecoveryKeyRequest = Static<typeof HelpdeskRecoveryKeyRequest>;

export const SelfServiceRecoveryKeyRequest = Type.Object(
  { keyId: KeyId, reason: Reason, reasonText: Type.Optional(ReasonText) },
  { additionalProperties: false },
);
export type SelfServiceRecoveryKeyRequest = Static<typeof SelfServiceRecoveryKeyRequest>;

export const TpmOwnerAuthRequest = Type.Object(
  {
    computer: Type.Object(
      { domain: Name('the computer’s domain, e.g. contoso.com'), name: Name('e.g. PC-0001') },
      { additionalProperties: false },
    ),
    reason: Reason,
    reasonText: Type.Optional(ReasonText),
    user: Type.Optional(EndUser),
  },
  { additionalProperties: false },
);
export type TpmOwnerAuthRequest = Static<typeof TpmOwnerAuthRequest>;

export const ComputerParams = Type.Object(
  { domain: Name('the computer’s domain'), name: Name('the computer name') },
  { additionalProperties: false },
);
export type ComputerParams = Static<typeof ComputerParams>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const KeyInfo = Type.Object(
  {
    keyId: Type.String(),
    computerName: Type.String(),
    domain: Type.String(),
    volumeId: Type.String(),
    driveType: Type.String(),
    mountPoint: Nullable(Type.String()),
    escrowedAt: Type.String(),
    disclosedAt: Nullable(Type.String()),
    rotatedAt: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const RecoveryKeyDisclosed = Type.Object(
  {
    result: Type.Literal('disclosed'),
    key: KeyInfo,
    recoveryPassword: Type.String(),
    keyPackage: Nullable(Type.String({ description: 'base64; for repair-bde -kp' })),
    previouslyDisclosed: Type.Boolean(),
    disclosedAt: Type.String(),
  },
  { additionalProperties: false },
);

export const RecoveryKeyAmbiguous = Type.Object(
  {
    result: Type.Literal('ambiguous'),
    message: Type.String(),
    matches: Type.Array(KeyInfo),
    truncated: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const RecoveryKeyResponse = Type.Union([RecoveryKeyDisclosed, RecoveryKeyAmbiguous]);

export const TpmOwnerAuthResponse = Type.Object(
  {
    computerName: Type.String(),
    domain: Type.String(),
    ownerAuth: Type.String(),
    escrowedAt: Type.String(),
  },
  { additionalProperties: false },
);

export const ComputerVolumesResponse = Type.Object(
  {
    computerName: Type.String(),
    domain: Type.String(),
    tpm: Type.Object(
      { present: Type.Boolean(), version: Nullable(Type.String()), ownerAuthEscrowed: Type.Boolean() },
      { additionalProperties: false },
    ),
    keys: Type.Array(KeyInfo),
  },
  { additionalProperties: false },
);

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  429: ErrorResponse,
  503: ErrorResponse,
};
