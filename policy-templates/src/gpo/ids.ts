// Deterministic GUIDs for generated GPOs: a name-based (SHA-1, RFC 4122 version 5 layout) UUID, so the
// same settings always give the same backup folder.
import { createHash } from 'node:crypto';

export function nameGuid(...parts: string[]): string {
  const h = createHash('sha1')
    .update(`openmbam-policy-templates\0${parts.join('\0')}`)
    .digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

/** Registry client-side extension + its Group Policy editor snap-in (admx-format.md §12). */
export const REGISTRY_CSE = '{35378EAC-683F-11D2-A89A-00C04FBBCFA2}';
export const MACHINE_EXTENSIONS = `[${REGISTRY_CSE}{D02B1F72-3407-48AE-BA88-E8213C6761F1}]`;
export const USER_EXTENSIONS = `[${REGISTRY_CSE}{D02B1F73-3407-48AE-BA88-E8213C6761F1}]`;
