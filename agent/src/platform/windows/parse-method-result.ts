// The answer of one WMI method call: `ReturnValue` is an HRESULT (0 = S_OK); failures carry its name.
import { PlatformError } from '../../errors';
import { checkOutput } from './check-output';
import { MethodResultRecord, type MethodResultRecord as Result } from './wmi-schemas';

/** HRESULTs the agent meets (reference/bitlocker-client.md §2, Win32_EncryptableVolume method pages). */
export const HRESULT_NAMES: Readonly<Record<number, string>> = {
  0x80310000: 'FVE_E_LOCKED_VOLUME',
  0x80310008: 'FVE_E_NOT_ACTIVATED',
  0x80310029: 'FVE_E_NOT_DECRYPTED',
  0x80310030: 'FVE_E_BOOTABLE_CD_OR_DVD',
  0x80310033: 'FVE_E_PROTECTOR_NOT_FOUND',
  0x80310035: 'FVE_E_INVALID_PASSWORD_FORMAT',
  0x8031003a: 'FVE_E_INVALID_PROTECTOR_TYPE',
  0x80310047: 'FVE_E_TPM_NOT_AVAILABLE (no compatible TPM)',
  0x8031004e: 'FVE_E_AUTOUNLOCK_ENABLED',
  0x80310060: 'FVE_E_POLICY_PROHIBITS_SELFSIGNED',
  0x80070005: 'E_ACCESSDENIED (run as LocalSystem)',
  0x80041016: 'WBEM_E_INVALID_CLASS (BitLocker WMI provider broken: mofcomp win32_encryptablevolume.mof)',
};

export function hresultText(code: number): string {
  const hex = `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  const name = HRESULT_NAMES[code >>> 0];
  return name ? `${hex} ${name}` : hex;
}

/** Checks the shape and the HRESULT; `what` names the call, e.g. "DeleteKeyProtector on {VOLUME}". */
export function parseMethodResult(output: unknown, what: string, options: { secret?: boolean } = {}): Result {
  const r = checkOutput(MethodResultRecord, output, what, options);
  if (r.ReturnValue !== 0)
    throw new PlatformError('platform_operation_failed', `${what} failed: ${hresultText(r.ReturnValue)}`, {
      hresult: r.ReturnValue >>> 0,
    });
  return r;
}

/**
 * Win32_Tpm.GetOwnerAuth's answer (`tpmOwnerAuthScript`): the owner authorization, or null when Windows
 * does not hold it. A missing ReturnValue (or no output) counts as S_OK. Only an object gets that default:
 * spreading a string answer would copy each of its characters into a key.
 */
export function parseOwnerAuth(output: unknown): string | null {
  const answer =
    output === null ? { ReturnValue: 0 } : isRecord(output) ? { ReturnValue: 0, ...output } : output;
  return parseMethodResult(answer, 'Win32_Tpm.GetOwnerAuth', { secret: true }).OwnerAuth || null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
