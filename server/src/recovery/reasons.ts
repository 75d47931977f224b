// MBAM's reason codes (mbam-server.md §2.3: the "Reason Description" values of the Recovery Audit
// Report) plus free text ("Other"). The split into drive unlock and TPM reasons is MBAM's likely use,
// not a rule: every code is accepted for every request, the forms just offer the fitting group first.
import { UserError, truncateForMessage } from '../errors';

export const DRIVE_REASONS = {
  OperatingSystemBootOrderChanged: 'Operating System Boot Order changed',
  BiosChanged: 'BIOS Changed',
  OperatingSystemFilesChanged: 'Operating System files changed',
  LostStartupKey: 'Lost Startup key',
  LostPin: 'Lost PIN',
  TpmReset: 'TPM Reset',
  LostPassphrase: 'Lost Passphrase',
  LostSmartcard: 'Lost Smartcard',
} as const;

export const TPM_REASONS = {
  ResetPinLockout: 'Reset PIN lockout',
  TurnOnTpm: 'Turn on TPM',
  TurnOffTpm: 'Turn off TPM',
  ChangeTpmPassword: 'Change TPM password',
  ClearTpm: 'Clear TPM',
} as const;

export const REASONS = { ...DRIVE_REASONS, ...TPM_REASONS } as const;
export type ReasonCode = keyof typeof REASONS | 'Other';
export const REASON_CODES = [...Object.keys(REASONS), 'Other'] as ReasonCode[];

export const MAX_REASON_TEXT = 500;

/** The text the audit log records: the code's MBAM description, or the free text of "Other". */
export function reasonDescription(code: string, text: string | undefined, field = 'reason'): string {
  if (code === 'Other') {
    const free = (text ?? '').replace(/\s+/g, ' ').trim();
    if (free.length < 3 || free.length > MAX_REASON_TEXT) {
      throw new UserError(
        'validation_failed',
        `With the reason "Other", describe the reason in 3 to ${MAX_REASON_TEXT} characters, e.g. "Motherboard replaced".`,
        { field: `${field}Text` },
      );
    }
    return free;
  }
  const description = (REASONS as Record<string, string>)[code];
  if (!description) {
    throw new UserError(
      'validation_failed',
      `"${truncateForMessage(code)}" is not a reason code; choose one of ${REASON_CODES.join(', ')} (e.g. LostPin), or Other with a text.`,
      { field },
    );
  }
  return description;
}
