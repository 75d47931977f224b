// File helpers shared by the commands: read with a teaching error naming the flag; writes go through
// write-files.ts (all or nothing).
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PolicyUserError } from '../errors';
import { decodeText } from './text-encoding';
import type { PolicySet } from '../definitions/vocabulary';

export const at = (cwd: string, p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));

/** Reads a user's text file: UTF-8 or BOM-marked UTF-16 (text-encoding.ts), never lossy. */
export function readText(path: string, what: string, example: string, flag: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new PolicyUserError(
      `cannot read the ${what} given as ${flag}, ${path}: ${(e as Error).message}`,
      { file: path, rule: 'input-file', expected: `a readable ${what}`, example: `${flag} ${example}` },
      { cause: e },
    );
  }
  return decodeText(bytes, path);
}

/** Loads a TypeScript/JavaScript module exporting `policySet` (e.g. written by `policy import`). */
export async function loadDefinitions(path: string): Promise<PolicySet> {
  let mod: { policySet?: PolicySet };
  try {
    mod = (await import(pathToFileURL(path).href)) as { policySet?: PolicySet };
  } catch (e) {
    throw new PolicyUserError(
      `cannot load the definitions module given as --definitions, ${path}: ${(e as Error).message}`,
      {
        file: path,
        rule: 'definitions-module',
        expected: 'a module exporting `policySet`, as written by `openmbam policy import`',
      },
      { cause: e },
    );
  }
  if (!mod.policySet)
    throw new PolicyUserError(
      `the definitions module given as --definitions, ${path}, does not export \`policySet\``,
      {
        file: path,
        rule: 'definitions-module',
        example: 'export const policySet: PolicySet = { templates: [template], locales: [strings_en_US] };',
      },
    );
  return mod.policySet;
}

/** JSON with bigints as decimal strings. */
export const toJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x), 2);
