// The validation pass every policy set goes through before any writer sees it (style.md §5, §6):
// all rules run, every failure is collected, and one DefinitionErrors names each file/policy/rule.
import type { PolicyDefinition, PolicySet, PolicyTemplate } from './vocabulary';
import { DefinitionError, DefinitionErrors } from '../errors';
import { checkShape } from './check-shape';
import { checkTemplate } from './check-template';
import { checkPolicy } from './check-policy';
import { allStringIds, policyStringIds } from './strings-used';
import { ID_PATTERN, LOCALE_PATTERN } from './limits';
import type { Report } from './check-values';

export interface ValidateOptions {
  /** The file the definitions came from, named in every error. */
  readonly file?: string;
}

/** Runs every rule and returns the failures (empty when the set is valid). */
export function checkPolicySet(set: PolicySet, options: ValidateOptions = {}): DefinitionError[] {
  // The rules below trust the types; a definitions module loaded at run time has none until this says so.
  const shape: DefinitionError[] = [];
  checkShape(set, (path, what, expected) =>
    shape.push(new DefinitionError(`${path} ${what}`, { file: options.file, rule: 'shape', expected })),
  );
  if (shape.length) return shape;
  const errors: DefinitionError[] = [];
  const reporter =
    (policy: string | undefined): Report =>
    (rule, what, expected, example) =>
      errors.push(new DefinitionError(what, { file: options.file, policy, rule, expected, example }));
  if (set.templates.length === 0) reporter(undefined)('templates', 'the policy set has no templates');
  const names = new Map<string, string>();
  set.templates.forEach((t, i) => {
    const report = reporter(`(template ${t.fileName})`);
    checkTemplate(t, set, report, reporter);
    if (set.templates.findIndex((o) => o.fileName.toLowerCase() === t.fileName.toLowerCase()) !== i)
      report('unique-id', `two templates are named '${t.fileName}'`);
    if (set.templates.findIndex((o) => o.target.namespace === t.target.namespace) !== i)
      report(
        'namespace',
        `target namespace '${t.target.namespace}' is used by two templates`,
        'one namespace per ADMX',
      );
    for (const p of t.policies) {
      const r = reporter(p.name);
      const prev = names.get(p.name);
      if (prev !== undefined)
        r('unique-id', `policy name '${p.name}' is defined twice (also in ${prev})`, 'unique policy names');
      names.set(p.name, t.fileName);
      checkPolicy(p, r);
    }
  });
  checkStrings(set, reporter);
  return errors;
}

function checkStrings(set: PolicySet, reporter: (policy: string | undefined) => Report): void {
  const first = set.locales[0];
  if (first?.locale !== 'en-US')
    reporter(undefined)('locale', 'the first locale must be en-US (the fallback)', 'locales: [enUS, …]');
  const used = new Set<string>();
  for (const t of set.templates) for (const id of allStringIds(t)) used.add(id);
  set.locales.forEach((loc, i) => {
    const report = reporter(`(locale ${loc.locale})`);
    if (!LOCALE_PATTERN.test(loc.locale))
      report('locale', `locale '${loc.locale}' is not ll-CC`, undefined, 'de-DE');
    if (set.locales.findIndex((o) => o.locale === loc.locale) !== i)
      report('locale', `locale '${loc.locale}' is given twice`);
    for (const id of Object.keys(loc.strings)) {
      if (!ID_PATTERN.test(id)) report('string-id', `string id '${id}' must match [A-Za-z0-9_]+`);
      if (!used.has(id)) report('unused-string', `string '${id}' is not used by any definition (misspelt?)`);
    }
  });
  if (!first) return;
  for (const t of set.templates) {
    for (const id of [t.resources.displayName, t.resources.description])
      if (first.strings[id] === undefined)
        reporter(`(template ${t.fileName})`)('missing-string', `string '${id}' is missing from en-US`);
    for (const p of t.policies)
      for (const id of policyStringIds(p))
        if (first.strings[id] === undefined)
          reporter(p.name)(
            'missing-string',
            `string '${id}' is missing from en-US`,
            `an entry '${id}' in strings/en-US.ts`,
          );
    for (const c of t.categories ?? [])
      for (const id of [c.displayName, c.explainText])
        if (id !== undefined && first.strings[id] === undefined)
          reporter(`(category ${c.name})`)('missing-string', `string '${id}' is missing from en-US`);
    for (const d of [...(t.supportedOn ?? []), ...(t.products ?? [])])
      if (first.strings[d.displayName] === undefined)
        reporter(`(supportedOn ${d.name})`)(
          'missing-string',
          `string '${d.displayName}' is missing from en-US`,
        );
    const majors = (t.products ?? []).flatMap((p) => p.majorVersions ?? []);
    for (const v of [...majors, ...majors.flatMap((m) => m.minorVersions ?? [])])
      if (first.strings[v.displayName] === undefined)
        reporter(`(product version ${v.name})`)(
          'missing-string',
          `string '${v.displayName}' is missing from en-US`,
        );
  }
  for (const t of set.templates)
    for (const p of t.policies)
      if (first.strings[p.displayName] === '')
        reporter(p.name)('missing-string', `the display name string '${p.displayName}' is empty`);
}

/** Validates and throws one DefinitionErrors listing every failure. */
export function assertPolicySet(set: PolicySet, options: ValidateOptions = {}): void {
  const errors = checkPolicySet(set, options);
  if (errors.length > 0) throw new DefinitionErrors(errors, options.file);
}

/** A validated, read-only policy set with lookups (private constructor: build with `from`). */
export class LoadedPolicySet {
  private constructor(readonly set: PolicySet) {}

  /** Validates `set` (all rules) and returns it wrapped; throws DefinitionErrors naming file, policy and rule. */
  static from(set: PolicySet, options: ValidateOptions = {}): LoadedPolicySet {
    assertPolicySet(set, options);
    return new LoadedPolicySet(set);
  }

  get templates(): readonly PolicyTemplate[] {
    return this.set.templates;
  }

  /** Every policy of every template, in template order then definition order. */
  get policies(): readonly PolicyDefinition[] {
    return this.set.templates.flatMap((t) => t.policies);
  }

  policy(name: string): PolicyDefinition | undefined {
    return this.policies.find((p) => p.name === name);
  }

  templateOf(name: string): PolicyTemplate | undefined {
    return this.set.templates.find((t) => t.policies.some((p) => p.name === name));
  }

  /** The text of a string in a locale, falling back to en-US. */
  text(id: string, locale = 'en-US'): string | undefined {
    const loc = this.set.locales.find((l) => l.locale === locale);
    return loc?.strings[id] ?? this.set.locales[0]?.strings[id];
  }
}
