// `openmbam policy import <admx> --adml <adml> [--adml …] --out <ts> [--force]`: TypeScript definitions from a
// template.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { importWithSources } from '../importer/import';
import { PolicyUserError } from '../errors';
import { at, readText } from './io';
import { checkLocale, checkPath, shown } from './options';
import { writeAllOrNothing } from './write-files';

export interface ImportOptions {
  readonly cwd: string;
  readonly admx: string;
  readonly adml: readonly string[];
  readonly out: string;
  /** Locale of a single ADML not kept in a `<ll-CC>` folder. */
  readonly locale?: string;
  /** Replace definitions files that exist (the header of each invites edits, so not by default). */
  readonly force?: boolean;
}

export interface ImportResult {
  readonly files: readonly string[];
  readonly policies: number;
}

function checkOptions(o: ImportOptions): void {
  checkPath(o.admx, '<admx>', 'PolicyDefinitions/Contoso.admx');
  checkPath(o.out, '--out', '--out policies/contoso.ts');
  // The file name before `.ts` names the strings files too (`<name>-<locale>.ts`): it cannot be empty.
  if (!/.\.ts$/.test(basename(o.out)) || o.out.endsWith('/') || o.out.endsWith('\\'))
    throw new PolicyUserError(`--out ${shown(o.out)} is not a .ts file`, {
      rule: 'option',
      expected: 'the TypeScript file to write: a name ending in .ts',
      example: '--out policies/contoso.ts',
    });
  if (o.adml.length === 0)
    throw new PolicyUserError('no --adml given', {
      rule: 'option',
      expected: 'the ADML that belongs to the ADMX',
      example: '--adml PolicyDefinitions/en-US/Contoso.adml',
    });
  for (const a of o.adml) checkPath(a, '--adml', '--adml PolicyDefinitions/en-US/Contoso.adml');
  if (o.locale === undefined) return;
  checkLocale(o.locale, '--locale');
  // With several ADMLs each one's folder names its locale; one --locale for all of them would be ignored.
  if (o.adml.length > 1)
    throw new PolicyUserError(`--locale ${o.locale} is given with ${o.adml.length} --adml files`, {
      rule: 'option',
      expected: '--locale only with a single --adml; several ADMLs each sit in their <ll-CC> folder',
      example: '--adml en-US/Contoso.adml --adml de-DE/Contoso.adml',
    });
}

export async function policyImport(o: ImportOptions): Promise<ImportResult> {
  checkOptions(o);
  const admxPath = at(o.cwd, o.admx);
  const input = {
    admxPath,
    admx: readText(admxPath, 'ADMX file', 'PolicyDefinitions/Contoso.admx', '<admx>'),
    adml: o.adml.map((p) => {
      const path = at(o.cwd, p);
      return {
        path,
        text: readText(path, 'ADML file', 'PolicyDefinitions/en-US/Contoso.adml', '--adml'),
        locale: o.adml.length === 1 ? o.locale : undefined,
      };
    }),
  };
  const out = at(o.cwd, o.out);
  const { set, sources } = importWithSources(input, basename(out));
  const existing = sources.map((s) => s.fileName).filter((name) => existsSync(join(dirname(out), name)));
  if (existing.length > 0 && o.force !== true)
    throw new PolicyUserError(
      `--out ${shown(o.out)} would replace ${existing.join(', ')}, written by an earlier import and maybe edited since`,
      {
        file: join(dirname(out), existing[0]!),
        rule: 'output',
        expected: 'a definitions file that does not exist yet, or --force to replace it',
        example: '--out policies/contoso.ts --force',
      },
    );
  const files = writeAllOrNothing(
    dirname(out),
    sources.map((s) => ({ path: s.fileName, bytes: s.text })),
    { flag: '--out', example: '--out policies/contoso.ts' },
  );
  return { files, policies: set.templates.reduce((n, t) => n + t.policies.length, 0) };
}
