// What people type as a recovery key id: at least the first 8 of its 32 hexadecimal digits, with or
// without braces and hyphens, in any case (the MBAM portals ask for "the first 8 digits").
import { UserError, truncateForMessage } from '../errors';

export const MIN_KEY_ID_DIGITS = 8;

export type KeyIdQuery =
  { kind: 'exact'; keyId: string } | { kind: 'prefix'; prefix: string; digits: number };

/** `d3675c82` → prefix `{D3675C82`; all 32 digits → the stored form `{D3675C82-C9C4-…}`. */
export function parseKeyIdQuery(input: string, field = 'keyId'): KeyIdQuery {
  const hex = input.replace(/[\s{}-]/g, '').toUpperCase();
  if (!/^[0-9A-F]*$/.test(hex) || hex.length < MIN_KEY_ID_DIGITS || hex.length > 32) {
    throw new UserError(
      'validation_failed',
      `The recovery key id must be at least its first ${MIN_KEY_ID_DIGITS} hexadecimal digits (0–9, A–F), or all 32, e.g. D3675C82 or D3675C82-C9C4-4F26-8C4F-0B8E6A3F1B2C (got "${truncateForMessage(input, 50)}").`,
      { field },
    );
  }
  const grouped = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
    .filter((g) => g.length > 0)
    .join('-');
  return hex.length === 32
    ? { kind: 'exact', keyId: `{${grouped}}` }
    : { kind: 'prefix', prefix: `{${grouped}`, digits: hex.length };
}

/** How the query is shown and audited: the stored form as far as it was typed. */
export const keyIdQueryText = (q: KeyIdQuery): string => (q.kind === 'exact' ? q.keyId : `${q.prefix}…`);
