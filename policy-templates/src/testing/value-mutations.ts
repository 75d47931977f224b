// Mutations of plain JavaScript data for the fuzz tests of the readers that take data rather than text:
// the desired-settings JSON (`policy gpo --settings`) and definitions modules (`--definitions`). Each
// edit deletes, renames or replaces one node found by a random path, and says what it did.
import { show, type Rng } from './fuzz';

type Path = readonly (string | number)[];

const isContainer = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Every path into `root` (objects and arrays), the root itself excluded. */
export function paths(root: unknown, prefix: Path = []): Path[] {
  if (!isContainer(root)) return [];
  return Object.keys(root).flatMap((k) => {
    const p = [...prefix, Array.isArray(root) ? Number(k) : k];
    return [p, ...paths(root[k], p)];
  });
}

export const pathText = (p: Path): string =>
  p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');

const describe = (v: unknown): string =>
  typeof v === 'bigint'
    ? `${v}n`
    : typeof v === 'string'
      ? show(v)
      : v === undefined
        ? 'undefined'
        : Number.isNaN(v)
          ? 'NaN'
          : (JSON.stringify(v)?.slice(0, 40) ?? String(v));

const kind = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/**
 * Deletes the node at a random path (30 % of the time leaving a hole in an array), gives it another key,
 * or replaces it with one of `values`. With `sameType` it only replaces, by a value of the node's own type
 * when there is one, which gets past a shape check to the rules behind it. Undefined when `root` is empty.
 */
export function mutateValue(
  rng: Rng,
  root: unknown,
  values: readonly unknown[],
  keys: readonly string[],
  sameType = false,
): string | undefined {
  const all = paths(root);
  if (!all.length) return undefined;
  const p = rng.pick(all);
  let parent = root as Record<string, unknown>;
  for (const k of p.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
  const last = String(p.at(-1));
  const r = sameType ? 1 : rng.next();
  if (r < 0.2) {
    if (Array.isArray(parent) && rng.chance(0.7)) parent.splice(Number(last), 1);
    else delete parent[last];
    return `delete ${pathText(p)}`;
  }
  if (r < 0.35 && !Array.isArray(parent)) {
    const key = rng.pick(keys);
    const v = parent[last];
    delete parent[last];
    // defineProperty, so `__proto__` becomes an own key as JSON.parse would make it.
    Object.defineProperty(parent, key, { value: v, enumerable: true, writable: true, configurable: true });
    return `rename ${pathText(p)} to ${show(key)}`;
  }
  const same = values.filter((x) => kind(x) === kind(parent[last]));
  const v = rng.pick(sameType && same.length ? same : values);
  parent[last] = typeof v === 'object' && v !== null ? structuredClone(v) : v;
  return `set ${pathText(p)} to ${describe(v)}`;
}
