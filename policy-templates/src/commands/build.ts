// `openmbam policy build --out <dir> [--locale …] [--definitions <ts>]`: the Central Store folder.
import type { PolicySet } from '../definitions/vocabulary';
import { LoadedPolicySet } from '../definitions/validate';
import { mbamDefinitions } from '../mbam/templates';
import { buildCentralStore } from '../writers/central-store';
import { at, loadDefinitions } from './io';
import { checkLocale, checkPath } from './options';
import { writeAllOrNothing } from './write-files';

export interface BuildOptions {
  readonly cwd: string;
  readonly out: string;
  /** Locales to write besides en-US; default: all locales with strings. */
  readonly locales?: readonly string[];
  /** A definitions module exporting `policySet`; default: the MBAM policy set. */
  readonly definitions?: string;
}

export interface BuildResult {
  readonly out: string;
  readonly files: readonly string[];
}

export async function policyBuild(o: BuildOptions): Promise<BuildResult> {
  checkPath(o.out, '--out', '--out ./central-store');
  if (o.definitions !== undefined) checkPath(o.definitions, '--definitions', '--definitions ./contoso.ts');
  const file = o.definitions === undefined ? undefined : at(o.cwd, o.definitions);
  const set: PolicySet = file ? await loadDefinitions(file) : mbamDefinitions;
  LoadedPolicySet.from(set, { file: file ?? 'policy-templates/src/mbam' });
  const known = set.locales.map((l) => l.locale);
  for (const l of o.locales ?? []) checkLocale(l, '--locale', known);
  const files = buildCentralStore(set, { locales: o.locales?.length ? o.locales : undefined });
  const out = at(o.cwd, o.out);
  writeAllOrNothing(
    out,
    files.map((f) => ({ path: f.path, bytes: f.content })),
    { flag: '--out', example: '--out ./central-store' },
  );
  return { out, files: files.map((f) => f.path) };
}
