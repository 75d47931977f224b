// ADMX writer: one PolicyTemplate → one .admx document, children in schema order (admx-format.md §3).
import type { PolicyDefinition, PolicyTemplate, SupportedOnDefinition } from '../definitions/vocabulary';
import { child, newDocument, num, serialize, type Node } from '../xml/tree';
import { writeValue, writeValueList } from './admx-values';
import { writeElement } from './admx-elements';

const str = (id: string | undefined): string | undefined =>
  id === undefined ? undefined : `$(string.${id})`;

export function renderAdmx(t: PolicyTemplate): string {
  const root = newDocument('policyDefinitions', { revision: t.revision, schemaVersion: '1.0' });
  const ns = child(root, 'policyNamespaces');
  child(ns, 'target', { prefix: t.target.prefix, namespace: t.target.namespace });
  for (const u of t.using ?? []) child(ns, 'using', { prefix: u.prefix, namespace: u.namespace });
  child(root, 'resources', { minRequiredRevision: t.revision, fallbackCulture: t.fallbackCulture });
  writeSupportedOn(root, t);
  if (t.categories?.length) {
    const cats = child(root, 'categories');
    for (const c of t.categories) {
      const n = child(cats, 'category', {
        name: c.name,
        displayName: str(c.displayName),
        explainText: str(c.explainText),
      });
      if (c.parent !== undefined) child(n, 'parentCategory', { ref: c.parent });
    }
  }
  if (t.policies.length) {
    const policies = child(root, 'policies');
    for (const p of t.policies) writePolicy(policies, p);
  }
  return serialize(root, true);
}

function writeSupportedOn(root: Node, t: PolicyTemplate): void {
  if (!t.products?.length && !t.supportedOn?.length) return;
  const sup = child(root, 'supportedOn');
  if (t.products?.length) {
    const prods = child(sup, 'products');
    for (const p of t.products) {
      const pn = child(prods, 'product', { name: p.name, displayName: str(p.displayName) });
      for (const major of p.majorVersions ?? []) {
        const mn = child(pn, 'majorVersion', {
          name: major.name,
          displayName: str(major.displayName),
          versionIndex: num(major.versionIndex),
        });
        for (const minor of major.minorVersions ?? [])
          child(mn, 'minorVersion', {
            name: minor.name,
            displayName: str(minor.displayName),
            versionIndex: num(minor.versionIndex),
          });
      }
    }
  }
  if (t.supportedOn?.length) {
    const defs = child(sup, 'definitions');
    for (const d of t.supportedOn) writeDefinition(defs, d);
  }
}

function writeDefinition(parent: Node, d: SupportedOnDefinition): void {
  const n = child(parent, 'definition', { name: d.name, displayName: str(d.displayName) });
  if (!d.condition) return;
  const c = child(n, d.condition.type);
  for (const m of d.condition.members)
    if (m.kind === 'range')
      child(c, 'range', {
        ref: m.ref,
        minVersionIndex: num(m.minVersionIndex),
        maxVersionIndex: num(m.maxVersionIndex),
      });
    else child(c, 'reference', { ref: m.ref });
}

function writePolicy(parent: Node, p: PolicyDefinition): void {
  const n = child(parent, 'policy', {
    name: p.name,
    class: p.class,
    displayName: str(p.displayName),
    explainText: str(p.explainText),
    presentation: p.presentation ? `$(presentation.${p.presentation.id})` : undefined,
    key: p.key,
    valueName: p.valueName,
  });
  child(n, 'parentCategory', { ref: p.category });
  child(n, 'supportedOn', { ref: p.supportedOn });
  writeValue(n, 'enabledValue', p.enabledValue);
  writeValue(n, 'disabledValue', p.disabledValue);
  writeValueList(n, 'enabledList', p.enabledList);
  writeValueList(n, 'disabledList', p.disabledList);
  if (p.elements?.length) {
    const els = child(n, 'elements');
    for (const el of p.elements) writeElement(els, el);
  }
}
