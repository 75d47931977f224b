// File helpers shared by the commands: read with a teaching error, write a whole set of files at once.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PolicyUserError } from '../errors';
import { decodeText } from './text-encoding';
import type { PolicySet } from '../definitions/vocabulary';

export const at = (cwd: string, p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));

/** Reads a user's text file: UTF-8 or BOM-marked UTF-16 (text-encoding.ts), never lossy. */
export function readText(path: string, what: string, example: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new PolicyUserError(
      `cannot read the ${what} ${path}: ${(e as Error).message}`,
      { file: path, rule: 'input-file', expected: `a readable ${what}`, example },
      { cause: e },
    );
  }
  return decodeText(bytes, path);
}

/** Writes every file under `dir` (files are complete in memory before the first write). */
export function writeFiles(
  dir: string,
  files: readonly { path: string; bytes: Buffer | string }[],
): string[] {
  return files.map((f) => {
    const p = join(dir, ...f.path.split('/'));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
    return p;
  });
}

/** Loads a TypeScript/JavaScript module exporting `policySet` (e.g. written by `policy import`). */
export async function loadDefinitions(path: string): Promise<PolicySet> {
  let mod: { policySet?: PolicySet };
  try {
    mod = (await import(pathToFileURL(path).href)) as { policySet?: PolicySet };
  } catch (e) {
    throw new PolicyUserError(
      `cannot load the definitions module ${path}: ${(e as Error).message}`,
      {
        file: path,
        rule: 'definitions-module',
        expected: 'a module exporting `policySet`, as written by `openmbam policy import`',
      },
      { cause: e },
    );
  }
  if (!mod.policySet)
    throw new PolicyUserError(`${path} does not export \`policySet\``, {
      file: path,
      rule: 'definitions-module',
      example: 'export const policySet: PolicySet = { templates: [template], locales: [strings_en_US] };',
    });
  return mod.policySet;
}

/** JSON with bigints as decimal strings. */
export const toJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x), 2);
