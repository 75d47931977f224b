// ADML writer: one PolicyTemplate + one locale → one .adml document. Strings missing from the locale fall
// back to en-US; the string table holds exactly the $(string.X) ids of the ADMX, in first-use order.
import type { Control, LocaleStrings, PolicyDefinition, PolicyTemplate } from '../definitions/vocabulary';
import { admxStringIds } from '../definitions/strings-used';
import { InternalError } from '../errors';
import { bool, child, newDocument, num, serialize, type Node } from '../xml/tree';

export type Lookup = (id: string) => string;

export function makeLookup(locale: LocaleStrings, fallback: LocaleStrings): Lookup {
  return (id) => {
    const text = locale.strings[id] ?? fallback.strings[id];
    if (text === undefined) throw new InternalError(`string '${id}' missing after validation`);
    return text;
  };
}

export function renderAdml(t: PolicyTemplate, text: Lookup): string {
  const root = newDocument('policyDefinitionResources', { revision: t.revision, schemaVersion: '1.0' });
  child(root, 'displayName', {}, text(t.resources.displayName));
  child(root, 'description', {}, text(t.resources.description));
  const resources = child(root, 'resources');
  const ids = admxStringIds(t);
  if (ids.length) {
    const table = child(resources, 'stringTable');
    for (const id of ids) child(table, 'string', { id }, text(id));
  }
  const seen = new Set<string>();
  const withPresentation = t.policies.filter(
    (p) => p.presentation && !seen.has(p.presentation.id) && seen.add(p.presentation.id),
  );
  if (withPresentation.length) {
    const table = child(resources, 'presentationTable');
    for (const p of withPresentation) writePresentation(table, p, text);
  }
  return serialize(root, false);
}

function writePresentation(parent: Node, p: PolicyDefinition, text: Lookup): void {
  const pres = child(parent, 'presentation', { id: p.presentation?.id });
  for (const c of p.presentation?.controls ?? []) writeControl(pres, c, p, text);
}

function writeControl(parent: Node, c: Control, p: PolicyDefinition, text: Lookup): void {
  if (c.control === 'text') {
    child(parent, 'text', {}, text(c.label));
    return;
  }
  const el = p.elements?.find((e) => e.id === c.refId);
  const def = el && 'default' in el ? el.default : undefined;
  switch (c.control) {
    case 'checkBox':
      child(
        parent,
        'checkBox',
        { refId: c.refId, defaultChecked: typeof def === 'boolean' ? bool(def) : undefined },
        text(c.label),
      );
      return;
    case 'decimalTextBox':
    case 'longDecimalTextBox':
      child(
        parent,
        c.control,
        {
          refId: c.refId,
          defaultValue: typeof def === 'number' || typeof def === 'bigint' ? num(def) : undefined,
          spin: bool(c.spin),
          spinStep: num(c.spinStep),
        },
        text(c.label),
      );
      return;
    case 'textBox': {
      const n = child(parent, 'textBox', { refId: c.refId });
      child(n, 'label', {}, text(c.label));
      if (def !== undefined && typeof def !== 'boolean') child(n, 'defaultValue', {}, String(def));
      return;
    }
    case 'comboBox': {
      const n = child(parent, 'comboBox', { refId: c.refId, noSort: bool(c.noSort) });
      child(n, 'label', {}, text(c.label));
      if (typeof def === 'string') child(n, 'default', {}, def);
      for (const s of c.suggestions ?? []) child(n, 'suggestion', {}, text(s));
      return;
    }
    case 'multiTextBox':
      child(
        parent,
        'multiTextBox',
        { refId: c.refId, showAsDialog: bool(c.showAsDialog), defaultHeight: num(c.defaultHeight) },
        text(c.label),
      );
      return;
    case 'dropdownList': {
      const index =
        el?.kind === 'enum' && el.default !== undefined
          ? el.items.findIndex((i) => i.displayName === el.default)
          : -1;
      child(
        parent,
        'dropdownList',
        { refId: c.refId, noSort: bool(c.noSort), defaultItem: index >= 0 ? String(index) : undefined },
        text(c.label),
      );
      return;
    }
    case 'listBox':
      child(parent, 'listBox', { refId: c.refId }, text(c.label));
      return;
  }
}
