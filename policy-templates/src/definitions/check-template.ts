// Rules for one template: file name, revision, namespaces, categories, supportedOn and references.
import type { PolicySet, PolicyTemplate } from './vocabulary';
import type { Report } from './check-values';
import { ID_PATTERN, VERSION_PATTERN } from './limits';

const NAMESPACE_PATTERN = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;
const REF_PATTERN = /^([A-Za-z0-9_]+:)?[A-Za-z0-9_]+$/;

/** Resolves `prefix:Name` / `Name` against a template and the other templates of its set. */
export function makeResolver(t: PolicyTemplate, set: PolicySet) {
  // `member`: a supportedOn <range>/<reference> ref, checked for its form and prefix only. Windows.admx
  // itself has dangling ones (SUPPORTED_Windows7Only › reference WindowsServer2008_R2) that the editor tolerates.
  return (ref: string, kind: 'category' | 'supportedOn' | 'member'): string | undefined => {
    if (!REF_PATTERN.test(ref)) return `'${ref}' is not a Name or prefix:Name of [A-Za-z0-9_]`;
    const [prefix, name] = ref.includes(':')
      ? (ref.split(':', 2) as [string, string])
      : [t.target.prefix, ref];
    const ns =
      prefix === t.target.prefix ? t.target.namespace : t.using?.find((u) => u.prefix === prefix)?.namespace;
    if (ns === undefined) return `prefix '${prefix}' is not declared (add a using entry)`;
    if (kind === 'member') return undefined;
    const owner = set.templates.find((o) => o.target.namespace === ns);
    if (!owner) return undefined; // another vendor's file (e.g. Windows.admx): checked by the editor
    const names =
      kind === 'category'
        ? (owner.categories ?? []).map((c) => c.name)
        : (owner.supportedOn ?? []).map((d) => d.name);
    return names.includes(name) ? undefined : `${kind} '${name}' is not defined in ${owner.fileName}.admx`;
  };
}

export function checkTemplate(
  t: PolicyTemplate,
  set: PolicySet,
  report: Report,
  reportFor: (policy: string) => Report,
): void {
  if (!/^[A-Za-z0-9_.-]+$/.test(t.fileName))
    report(
      'file-name',
      `file name '${t.fileName}' must match [A-Za-z0-9_.-]+`,
      undefined,
      'BitLockerManagement',
    );
  if (!VERSION_PATTERN.test(t.revision))
    report(
      'revision',
      `revision '${t.revision}' is not a versionString`,
      'up to 4 digits . up to 5 digits',
      '1.0',
    );
  const decls = [t.target, ...(t.using ?? [])];
  decls.forEach((d, i) => {
    if (!ID_PATTERN.test(d.prefix))
      report('prefix', `prefix '${d.prefix}' must match [A-Za-z0-9_]+`, undefined, 'openmbam');
    if (!NAMESPACE_PATTERN.test(d.namespace))
      report(
        'namespace',
        `namespace '${d.namespace}' is not a dotted name`,
        undefined,
        'OpenMBAM.Policies.BitLockerManagement',
      );
    if (decls.findIndex((o) => o.prefix === d.prefix) !== i)
      report('prefix', `prefix '${d.prefix}' is declared twice`, 'unique prefixes');
    if (decls.findIndex((o) => o.namespace === d.namespace) !== i)
      report('namespace', `namespace '${d.namespace}' is declared twice`);
  });
  if (/^Microsoft\./i.test(t.target.namespace))
    report(
      'namespace',
      `target namespace '${t.target.namespace}' belongs to Microsoft`,
      'a namespace of your own: the Central Store ignores a second file with the same target',
      'Contoso.Policies.Sample',
    );
  const resolve = makeResolver(t, set);
  unique(t.categories ?? [], 'category', report);
  unique(t.supportedOn ?? [], 'supportedOn definition', report);
  unique(t.products ?? [], 'product', report);
  const majors = (t.products ?? []).flatMap((p) => p.majorVersions ?? []);
  unique(majors, 'majorVersion', report);
  unique(
    majors.flatMap((m) => m.minorVersions ?? []),
    'minorVersion',
    report,
  );
  for (const d of t.supportedOn ?? []) {
    if (d.condition && d.condition.members.length === 0)
      report(
        'supported-on',
        `supportedOn '${d.name}': <${d.condition.type}> has no members`,
        'at least one range or reference (or no condition at all)',
        "condition: { type: 'or', members: [{ kind: 'reference', ref: 'windows:SUPPORTED_Windows_10_0' }] }",
      );
    for (const m of d.condition?.members ?? []) {
      const problem = resolve(m.ref, 'member');
      if (problem)
        report(
          'supported-on-ref',
          `supportedOn '${d.name}': ${m.kind} ref '${m.ref}': ${problem}`,
          m.kind === 'range'
            ? 'a product or version, own or prefix:Name'
            : 'a definition, own or prefix:Name',
          m.kind === 'range' ? 'products:MicrosoftWindows' : 'windows:SUPPORTED_Windows_10_0',
        );
    }
  }
  for (const c of t.categories ?? []) {
    if (c.parent === undefined) continue;
    const problem = resolve(c.parent, 'category');
    if (problem) report('category-ref', `category '${c.name}': parent '${c.parent}': ${problem}`);
  }
  checkCycles(t, report);
  for (const p of t.policies) {
    const where = `policy '${p.name}'`;
    const r = reportFor(p.name);
    const cat = resolve(p.category, 'category');
    if (cat)
      r(
        'category-ref',
        `${where}: category '${p.category}': ${cat}`,
        (t.categories ?? []).map((c) => c.name).join(', '),
      );
    const sup = resolve(p.supportedOn, 'supportedOn');
    if (sup)
      r(
        'supported-on-ref',
        `${where}: supportedOn '${p.supportedOn}': ${sup}`,
        (t.supportedOn ?? []).map((d) => d.name).join(', '),
      );
  }
  const presentations = new Map<string, string>();
  for (const p of t.policies) {
    if (!p.presentation) continue;
    const json = JSON.stringify(p.presentation);
    const prev = presentations.get(p.presentation.id);
    if (prev !== undefined && prev !== json)
      report(
        'unique-id',
        `presentation id '${p.presentation.id}' is used by two policies with different controls`,
        'one presentation per id',
      );
    presentations.set(p.presentation.id, json);
  }
}

function unique(items: readonly { name: string }[], kind: string, report: Report): void {
  items.forEach((it, i) => {
    if (!ID_PATTERN.test(it.name)) report('id-pattern', `${kind} name '${it.name}' must match [A-Za-z0-9_]+`);
    if (items.findIndex((o) => o.name === it.name) !== i)
      report('unique-id', `${kind} name '${it.name}' is defined twice`);
  });
}

function checkCycles(t: PolicyTemplate, report: Report): void {
  const parent = new Map(
    (t.categories ?? []).map((c) => [c.name, c.parent?.includes(':') ? undefined : c.parent]),
  );
  for (const start of parent.keys()) {
    const seen = new Set<string>();
    for (let cur: string | undefined = start; cur !== undefined; cur = parent.get(cur)) {
      if (seen.has(cur)) {
        report('category-cycle', `category '${start}' is its own ancestor`);
        break;
      }
      seen.add(cur);
    }
  }
}
