// Win32_Tpm (from `tpmScript`) → `TpmState`. No instance means no TPM (or a disabled one in firmware).
import type { TpmState } from '../platform';
import { checkOutput } from './check-output';
import { TpmRecord } from './wmi-schemas';

export function parseTpm(output: unknown): TpmState {
  const r = checkOutput(TpmRecord, output, 'read the TPM (Win32_Tpm)');
  if (!r.TpmPresent) return { present: false, enabled: false, activated: false, owned: false };
  // SpecVersion is "2.0, 0, 1.38": the family first, then level and revision.
  const version = r.SpecVersion?.split(',')[0]?.trim();
  const manufacturer = r.ManufacturerId ? decodeManufacturer(r.ManufacturerId) : undefined;
  return {
    present: true,
    enabled: r.IsEnabled_InitialValue === true,
    activated: r.IsActivated_InitialValue === true,
    owned: r.IsOwned_InitialValue === true,
    ...(version ? { version } : {}),
    ...(manufacturer ? { manufacturer } : {}),
  };
}

/** ManufacturerId packs four ASCII characters, e.g. 0x49465800 → "IFX" (trailing NULs and spaces dropped). */
export function decodeManufacturer(id: number): string | undefined {
  const bytes = [24, 16, 8, 0].map((shift) => (id >>> shift) & 0xff);
  const text = String.fromCharCode(...bytes.filter((b) => b !== 0)).trim();
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}
