// Writes imported definitions as TypeScript source in our vocabulary (ts-morph): one definitions module
// and one strings module per locale, so the administrator's templates live under the same tooling.
import { createRequire } from 'node:module';
import type * as TsMorphModule from 'ts-morph';
import type { SourceFile } from 'ts-morph';

// ts-morph (with the TypeScript compiler) is large; load it only when an import is run, so that every
// other `openmbam` command starts without it.
type TsMorph = typeof TsMorphModule;
let tsMorph: TsMorph | undefined;
const loadTsMorph = (): TsMorph => (tsMorph ??= createRequire(import.meta.url)('ts-morph') as TsMorph);
import type { LocaleStrings, PolicySet } from '../definitions/vocabulary';

/** A TypeScript expression for plain data (objects, arrays, strings, numbers, booleans, bigints). */
export function literal(value: unknown, indent = ''): string {
  const next = `${indent}  `;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string')
    return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${next}${literal(v, next)},`).join('\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : literal(k));
    return `{\n${entries.map(([k, v]) => `${next}${key(k)}: ${literal(v, next)},`).join('\n')}\n${indent}}`;
  }
  throw new Error(`cannot write ${typeof value} as a literal`);
}

export interface EmittedSource {
  /** File name relative to the definitions module's folder. */
  readonly fileName: string;
  readonly text: string;
}

const HEADER = (source: string) =>
  `// Imported by \`openmbam policy import\` from ${source}.\n// Edit freely: \`openmbam policy build\` validates these definitions before it writes anything.\n`;

function finish(f: SourceFile, source: string): string {
  f.formatText({ indentSize: 2, convertTabsToSpaces: true });
  f.insertText(0, `${HEADER(source)}\n`);
  return f.getFullText();
}

/** `defs.ts` → [`defs.ts`, `defs-en-US.ts`, …]. `from` is the package the vocabulary types come from. */
export function emitSources(
  set: PolicySet,
  outName: string,
  source: string,
  from = '@openmbam/policy-templates',
): EmittedSource[] {
  const { IndentationText, Project, QuoteKind, VariableDeclarationKind } = loadTsMorph();
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const base = outName.replace(/\.ts$/, '');
  const localeFile = (l: LocaleStrings) => `${base}-${l.locale}`;
  const ident = (l: LocaleStrings) => `strings_${l.locale.replace(/-/g, '_')}`;
  const templateName = (i: number) => (i === 0 ? 'template' : `template${i + 1}`);
  const out: EmittedSource[] = [];
  const defs = project.createSourceFile(`/${base}.ts`, '');
  defs.addImportDeclaration({
    isTypeOnly: true,
    namedImports: ['PolicySet', 'PolicyTemplate'],
    moduleSpecifier: from,
  });
  for (const l of set.locales)
    defs.addImportDeclaration({ namedImports: [ident(l)], moduleSpecifier: `./${localeFile(l)}` });
  set.templates.forEach((t, i) =>
    defs.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: templateName(i), type: 'PolicyTemplate', initializer: literal(t) }],
    }),
  );
  defs.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [
      {
        name: 'policySet',
        type: 'PolicySet',
        initializer: `{ templates: [${set.templates.map((_, i) => templateName(i)).join(', ')}], locales: [${set.locales.map(ident).join(', ')}] }`,
      },
    ],
  });
  out.push({ fileName: `${base}.ts`, text: finish(defs, source) });
  for (const l of set.locales) {
    const f = project.createSourceFile(`/${localeFile(l)}.ts`, '');
    f.addImportDeclaration({ isTypeOnly: true, namedImports: ['LocaleStrings'], moduleSpecifier: from });
    f.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: ident(l), type: 'LocaleStrings', initializer: literal(l) }],
    });
    out.push({ fileName: `${localeFile(l)}.ts`, text: finish(f, source) });
  }
  for (const f of project.getSourceFiles()) {
    const problems = project.getProgram().getSyntacticDiagnostics(f);
    if (problems.length)
      throw new Error(
        `internal: emitted ${f.getFilePath()} does not parse: ${problems[0]?.getMessageText().toString()}`,
      );
  }
  return out;
}
