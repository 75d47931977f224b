// GUIDs arrive with or without braces, in any case; they are stored and compared as {UPPER-CASE}.
export const GUID_PATTERN =
  '^\\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}?$';
const guid = new RegExp(GUID_PATTERN);

export function isGuid(value: string): boolean {
  if (!guid.test(value)) return false;
  // braces come in pairs or not at all
  return value.startsWith('{') === value.endsWith('}');
}

/** `d3675c82-…` or `{D3675C82-…}` → `{D3675C82-…}`; call only on values that passed `isGuid`. */
export function normalizeGuid(value: string): string {
  return `{${value.replace(/[{}]/g, '').toUpperCase()}}`;
}
