// `openmbam policy import <admx> --adml <adml> [--adml …] --out <ts>`: TypeScript definitions from a template.
import { basename, dirname } from 'node:path';
import { importWithSources } from '../importer/import';
import { PolicyUserError } from '../errors';
import { at, readText, writeFiles } from './io';

export interface ImportOptions {
  readonly cwd: string;
  readonly admx: string;
  readonly adml: readonly string[];
  readonly out: string;
  /** Locale of a single ADML not kept in a `<ll-CC>` folder. */
  readonly locale?: string;
}

export interface ImportResult {
  readonly files: readonly string[];
  readonly policies: number;
}

export async function policyImport(o: ImportOptions): Promise<ImportResult> {
  if (!o.out.endsWith('.ts'))
    throw new PolicyUserError(`--out ${o.out} is not a .ts file`, {
      rule: 'option',
      expected: 'the TypeScript file to write',
      example: '--out policies/contoso.ts',
    });
  if (o.adml.length === 0)
    throw new PolicyUserError('no --adml given', {
      rule: 'option',
      expected: 'the ADML that belongs to the ADMX',
      example: '--adml PolicyDefinitions/en-US/Contoso.adml',
    });
  const admxPath = at(o.cwd, o.admx);
  const input = {
    admxPath,
    admx: readText(admxPath, 'ADMX file', 'PolicyDefinitions/Contoso.admx'),
    adml: o.adml.map((p) => {
      const path = at(o.cwd, p);
      return {
        path,
        text: readText(path, 'ADML file', 'PolicyDefinitions/en-US/Contoso.adml'),
        locale: o.adml.length === 1 ? o.locale : undefined,
      };
    }),
  };
  const out = at(o.cwd, o.out);
  const { set, sources } = importWithSources(input, basename(out));
  const files = writeFiles(
    dirname(out),
    sources.map((s) => ({ path: s.fileName, bytes: s.text })),
  );
  return { files, policies: set.templates.reduce((n, t) => n + t.policies.length, 0) };
}
