// JSON values as trees for the generative (fuzz) tests: every path into a value, the value at a path,
// and a copy with one path changed. Copies are made along the path only, so a mutation that put a
// 20,000-deep array somewhere costs nothing to copy past.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = (string | number)[];

/**
 * Every path into `value`, the root's first, depth first. Bounded (12 levels, 8 items of a list, 40
 * fields of an object): a mutated value may hold a huge or very deep list.
 */
export function pathsOf(value: Json, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix);
  if (prefix.length >= 12) return out;
  if (Array.isArray(value)) value.slice(0, 8).forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object')
    Object.entries(value)
      .slice(0, 40)
      .forEach(([k, v]) => pathsOf(v, [...prefix, k], out));
  return out;
}

/** The value at `path`, or null where the path leads nowhere. */
export function valueAt(root: Json, path: JsonPath): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)?.[key] ?? null, root);
}

/**
 * A copy of `node` with the value at `path` replaced, added, or (with `undefined`) removed. A field
 * named `__proto__` stays an own field, as JSON.parse makes it.
 */
export function withValue(node: Json, path: JsonPath, value: Json | undefined): Json {
  const [head, ...rest] = path;
  if (head === undefined) return value ?? null;
  const changed = (old: Json | undefined) =>
    rest.length === 0 ? value : withValue(old ?? null, rest, value);
  if (Array.isArray(node)) {
    const copy = node.slice();
    const next = changed(copy[Number(head)]);
    if (next === undefined) copy.splice(Number(head), 1);
    else copy[Number(head)] = next;
    return copy;
  }
  if (node === null || typeof node !== 'object') return node;
  const key = String(head);
  if (value === undefined && !Object.hasOwn(node, key)) return node;
  const next = changed(Object.hasOwn(node, key) ? node[key] : undefined);
  const entries = Object.entries(node).filter(([k]) => k !== key);
  const index = Object.keys(node).indexOf(key);
  if (next !== undefined) entries.splice(index < 0 ? entries.length : index, 0, [key, next]);
  return Object.fromEntries(entries);
}
