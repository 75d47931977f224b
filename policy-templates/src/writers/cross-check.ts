// Post-render checks the XSD cannot make (admx-format.md §8), run on the generated text itself, like
// VS Code's validateADMX.ts: they return problems with file and line instead of throwing.
import { kid, kids, parseXml, type XmlElement } from '../xml/parse';
import { elementType, kindOfAdmxTag } from './element-type';
import { ID_PATTERN } from '../definitions/limits';

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface RenderedTemplate {
  readonly admxPath: string;
  readonly admx: string;
  /** locale → [path, text] */
  readonly adml: readonly { readonly path: string; readonly text: string }[];
}

const REF = /^\$\((string|presentation)\.([^)]*)\)$/;
/** The attributes the ADMX schema types stringReference / presentationReference. Elsewhere a value that
 * looks like `$(string.X)` (a registry value name, a string value) is literal data, not a reference. */
const REF_ATTRIBUTES = ['displayName', 'explainText', 'presentation'];

function walk(el: XmlElement, visit: (e: XmlElement) => void): void {
  visit(el);
  for (const c of el.children) walk(c, visit);
}

export function crossCheck(files: readonly RenderedTemplate[]): Problem[] {
  const problems: Problem[] = [];
  const targets = new Map<string, string>();
  for (const f of files) {
    const admx = parseXml(f.admx);
    const p = (line: number, message: string): void =>
      void problems.push({ file: f.admxPath, line, message });
    const nsEl = kid(admx, 'policyNamespaces');
    const target = nsEl && kid(nsEl, 'target');
    const prefixes = new Set([
      target?.attrs.prefix,
      ...kids(nsEl ?? admx, 'using').map((u) => u.attrs.prefix),
    ]);
    const ns = target?.attrs.namespace ?? '';
    if (/^Microsoft\./i.test(ns)) p(target?.line ?? 1, `target namespace '${ns}' is Microsoft's`);
    const other = targets.get(ns);
    if (other) p(target?.line ?? 1, `target namespace '${ns}' is also the target of ${other}`);
    targets.set(ns, f.admxPath);
    const strings = new Set<string>();
    const presentations = new Set<string>();
    const names = new Map<string, Set<string>>();
    const revision = admx.attrs.revision;
    if (kid(admx, 'resources')?.attrs.minRequiredRevision !== revision)
      p(1, 'minRequiredRevision differs from the ADMX revision');
    walk(admx, (e) => {
      for (const name of REF_ATTRIBUTES) {
        const v = e.attrs[name];
        const m = v === undefined ? null : REF.exec(v);
        if (m) (m[1] === 'string' ? strings : presentations).add(m[2] ?? '');
        if (m && !ID_PATTERN.test(m[2] ?? '')) p(e.line, `reference '${v}' has an id outside [A-Za-z0-9_]`);
      }
      if (
        ['category', 'policy', 'definition', 'product', 'majorVersion', 'minorVersion'].includes(e.name) &&
        e.attrs.name !== undefined
      ) {
        const set = names.get(e.name) ?? new Set<string>();
        if (set.has(e.attrs.name)) p(e.line, `duplicate ${e.name} name '${e.attrs.name}'`);
        if (!ID_PATTERN.test(e.attrs.name))
          p(e.line, `${e.name} name '${e.attrs.name}' is outside [A-Za-z0-9_]`);
        set.add(e.attrs.name);
        names.set(e.name, set);
      }
      const ref = e.attrs.ref;
      if (ref?.includes(':') && !prefixes.has(ref.split(':')[0]))
        p(e.line, `prefix of '${ref}' is not declared by target or using`);
    });
    const policies = kids(kid(admx, 'policies') ?? admx, 'policy');
    for (const adml of f.adml) {
      const q = (line: number, message: string): void =>
        void problems.push({ file: adml.path, line, message });
      const res = parseXml(adml.text);
      if (res.attrs.revision !== revision)
        q(1, `ADML revision ${res.attrs.revision} differs from ADMX revision ${revision}`);
      walk(res, (e) => {
        if (e.interElementWhitespace) q(e.line, `<${e.name}> is pretty-printed (whitespace between tags)`);
      });
      const resources = kid(res, 'resources');
      const table = kids(kid(resources ?? res, 'stringTable') ?? res, 'string');
      const ids = new Set<string>();
      for (const s of table) {
        if (ids.has(s.attrs.id ?? '')) q(s.line, `duplicate string id '${s.attrs.id}'`);
        ids.add(s.attrs.id ?? '');
      }
      for (const id of strings)
        if (!ids.has(id)) q(1, `$(string.${id}) is referenced by the ADMX but missing`);
      const pres = new Map<string, XmlElement>();
      for (const pr of kids(kid(resources ?? res, 'presentationTable') ?? res, 'presentation')) {
        if (pres.has(pr.attrs.id ?? '')) q(pr.line, `duplicate presentation id '${pr.attrs.id}'`);
        pres.set(pr.attrs.id ?? '', pr);
      }
      for (const id of presentations)
        if (!pres.has(id)) q(1, `$(presentation.${id}) is referenced by the ADMX but missing`);
      for (const pol of policies) checkControls(pol, pres, q);
    }
  }
  return problems;
}

function checkControls(
  pol: XmlElement,
  pres: Map<string, XmlElement>,
  q: (line: number, m: string) => void,
): void {
  const elements = kid(pol, 'elements')?.children ?? [];
  const ids = new Set<string>();
  for (const el of elements) {
    if (ids.has(el.attrs.id ?? ''))
      q(el.line, `policy ${pol.attrs.name}: duplicate element id '${el.attrs.id}'`);
    ids.add(el.attrs.id ?? '');
  }
  const id = REF.exec(pol.attrs.presentation ?? '')?.[2];
  const p = id === undefined ? undefined : pres.get(id);
  if (!p) return;
  for (const c of p.children) {
    if (c.name === 'text') continue;
    const el = elements.find((e) => e.attrs.id === c.attrs.refId);
    if (!el) {
      q(c.line, `policy ${pol.attrs.name}: control refId '${c.attrs.refId}' matches no element`);
      continue;
    }
    const kind = kindOfAdmxTag(el.name);
    if (!kind || !(elementType(kind).controls as readonly string[]).includes(c.name))
      q(c.line, `policy ${pol.attrs.name}: control ${c.name} cannot present a ${el.name} element`);
    if (
      c.name === 'dropdownList' &&
      c.attrs.defaultItem !== undefined &&
      Number(c.attrs.defaultItem) >= kids(el, 'item').length
    )
      q(c.line, `policy ${pol.attrs.name}: defaultItem ${c.attrs.defaultItem} is past the last item`);
  }
}

/** Groups Central Store files by template for `crossCheck`. */
export function rendered(
  files: readonly { readonly path: string; readonly content: string }[],
): RenderedTemplate[] {
  return files
    .filter((f) => f.path.endsWith('.admx'))
    .map((f) => {
      const base = f.path.replace(/^PolicyDefinitions\//, '').replace(/\.admx$/, '');
      const adml = files
        .filter((a) => a.path.endsWith(`/${base}.adml`))
        .map((a) => ({ path: a.path, text: a.content }));
      return { admxPath: f.path, admx: f.content, adml };
    });
}
