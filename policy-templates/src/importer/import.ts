// The importer: ADMX + ADML(s) → validated PolicySet → TypeScript source. Either everything is produced
// or an ImportError / DefinitionErrors names the file, the element (with its line) or the rule; never a
// partial output.
import { basename, dirname } from 'node:path';
import type { PolicySet } from '../definitions/vocabulary';
import { checkPolicySet } from '../definitions/validate';
import { LOCALE_PATTERN } from '../definitions/limits';
import { DefinitionErrors, ImportError } from '../errors';
import { parseXml, XmlSyntaxError, type XmlElement } from '../xml/parse';
import { readAdmx } from './admx-reader';
import { readAdml } from './adml-reader';
import { merge } from './merge';
import { Reader } from './strict';
import { emitSources, type EmittedSource } from './emit';

export interface ImportInput {
  readonly admxPath: string;
  readonly admx: string;
  /** One or more ADMLs; the locale defaults to the name of the ADML's folder (e.g. `en-US`). */
  readonly adml: readonly { readonly path: string; readonly text: string; readonly locale?: string }[];
}

function parse(path: string, text: string): XmlElement {
  try {
    return parseXml(text);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    throw new ImportError(
      `the file is not well-formed XML: ${e.message}`,
      { file: path, rule: 'well-formed', expected: 'a well-formed ADMX/ADML document' },
      { cause: e },
    );
  }
}

export function importPolicySet(input: ImportInput): PolicySet {
  const fileName = basename(input.admxPath).replace(/\.admx$/i, '');
  const raw = readAdmx(new Reader(input.admxPath), parse(input.admxPath, input.admx), fileName);
  const admls = input.adml.map((a) => {
    const locale = a.locale ?? basename(dirname(a.path));
    if (!LOCALE_PATTERN.test(locale))
      throw new ImportError(`cannot tell the locale of ${a.path}`, {
        file: a.path,
        rule: 'locale',
        expected: 'the ADML in a <ll-CC> folder, or --locale',
        example: 'PolicyDefinitions/en-US/Foo.adml',
      });
    const adml = readAdml(new Reader(a.path), parse(a.path, a.text));
    if (adml.revision !== raw.revision)
      throw new ImportError(`ADML revision ${adml.revision} does not match ADMX revision ${raw.revision}`, {
        file: a.path,
        rule: 'revision',
        expected: 'the ADML that belongs to this ADMX',
      });
    return { locale, adml };
  });
  const ordered = [...admls].sort((a, b) =>
    a.locale === 'en-US' ? -1 : b.locale === 'en-US' ? 1 : a.locale < b.locale ? -1 : 1,
  );
  const set = merge(new Reader(input.adml[0]?.path ?? input.admxPath), raw, ordered);
  const errors = checkPolicySet(set, { file: input.admxPath });
  if (errors.length) throw new DefinitionErrors(errors, input.admxPath);
  return set;
}

/** Imports and writes TypeScript source; returns the validated set too. */
export function importWithSources(
  input: ImportInput,
  outName: string,
  from?: string,
): { set: PolicySet; sources: EmittedSource[] } {
  const set = importPolicySet(input);
  const source = [
    basename(input.admxPath),
    ...input.adml.map((a) => `${basename(dirname(a.path))}/${basename(a.path)}`),
  ].join(' + ');
  return { set, sources: emitSources(set, outName, source, from) };
}

export function importToSource(input: ImportInput, outName: string, from?: string): EmittedSource[] {
  return importWithSources(input, outName, from).sources;
}
