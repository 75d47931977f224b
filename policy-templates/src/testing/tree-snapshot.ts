// A folder's whole state (every folder, every file's bytes) for "a refused command wrote nothing" checks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Relative path → file bytes as hex, or `<dir>` for a folder. */
export type TreeSnapshot = ReadonlyMap<string, string>;

export function snapshotTree(root: string): TreeSnapshot {
  const out = new Map<string, string>();
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out.set(r, '<dir>');
        walk(join(dir, e.name), r);
      } else out.set(r, readFileSync(join(dir, e.name)).toString('hex'));
    }
  };
  walk(root, '');
  return out;
}

/** What changed between two snapshots, one line each (empty: nothing). */
export function treeChanges(before: TreeSnapshot, after: TreeSnapshot): string[] {
  const changes: string[] = [];
  for (const [p, v] of after)
    if (!before.has(p)) changes.push(`added ${p}`);
    else if (before.get(p) !== v) changes.push(`changed ${p}`);
  for (const p of before.keys()) if (!after.has(p)) changes.push(`removed ${p}`);
  return changes.sort();
}
