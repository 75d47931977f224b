// Reads one ADML document: its header, string table and presentation controls (labels as text).
import type { XmlElement } from '../xml/parse';
import { kid } from '../xml/parse';
import { compact, type Reader } from './strict';

export interface RawControl {
  readonly control: string;
  readonly refId?: string;
  readonly label: string;
  readonly attrs: Readonly<Record<string, string | undefined>>;
  /** textBox <defaultValue>, comboBox <default>. */
  readonly defaultText?: string;
  readonly suggestions?: readonly string[];
  readonly line: number;
}

export interface RawAdml {
  readonly revision: string;
  readonly displayName: string;
  readonly description: string;
  readonly strings: ReadonlyMap<string, string>;
  readonly presentations: ReadonlyMap<string, readonly RawControl[]>;
}

const SIMPLE: Readonly<Record<string, readonly string[]>> = {
  text: [],
  checkBox: ['refId', 'defaultChecked'],
  decimalTextBox: ['refId', 'defaultValue', 'spin', 'spinStep'],
  longDecimalTextBox: ['refId', 'defaultValue', 'spin', 'spinStep'],
  multiTextBox: ['refId', 'showAsDialog', 'defaultHeight'],
  dropdownList: ['refId', 'noSort', 'defaultItem'],
  listBox: ['refId'],
};

/** The text of an optional text-only element (`<label>`, `<defaultValue>`, `<displayName>`, …). */
const text = (r: Reader, el: XmlElement | undefined): string | undefined => (el ? r.text(el) : undefined);

export function readAdml(r: Reader, root: XmlElement): RawAdml {
  r.root(root, 'policyDefinitionResources', 'an ADML file');
  const a = r.attrs(root, ['revision', 'schemaVersion'], ['revision']);
  const sections = ['displayName', 'description', 'resources'];
  r.children(root, sections, sections);
  const res = kid(root, 'resources') ?? r.fail(root, '<resources> is missing');
  r.attrs(res, []);
  r.children(res, ['stringTable', 'presentationTable'], ['stringTable', 'presentationTable']);
  const strings = new Map<string, string>();
  const table = kid(res, 'stringTable');
  if (table) r.attrs(table, []);
  for (const s of table ? r.children(table, ['string']) : []) {
    const id = r.attrs(s, ['id'], ['id']).id ?? '';
    r.children(s, []);
    if (strings.has(id)) r.fail(s, `string id '${id}' is defined twice`);
    strings.set(id, s.text);
  }
  const presentations = new Map<string, RawControl[]>();
  const ptable = kid(res, 'presentationTable');
  if (ptable) r.attrs(ptable, []);
  for (const p of ptable ? r.children(ptable, ['presentation']) : []) {
    const id = r.attrs(p, ['id'], ['id']).id ?? '';
    if (presentations.has(id)) r.fail(p, `presentation id '${id}' is defined twice`);
    presentations.set(
      id,
      r.children(p, [...Object.keys(SIMPLE), 'textBox', 'comboBox']).map((c) => readControl(r, c)),
    );
  }
  return {
    revision: a.revision ?? '',
    displayName: text(r, kid(root, 'displayName')) ?? '',
    description: text(r, kid(root, 'description')) ?? '',
    strings,
    presentations,
  };
}

/** The presentation attributes that are not text: their values must parse, not become NaN later. */
const TYPED: Readonly<Record<string, 'bool' | 'uint'>> = {
  defaultChecked: 'bool',
  spin: 'bool',
  noSort: 'bool',
  showAsDialog: 'bool',
  spinStep: 'uint',
  defaultHeight: 'uint',
  defaultItem: 'uint',
  // unsignedInt on longDecimalTextBox too, in the schema (../shared/schemas/admx)
  defaultValue: 'uint',
};

function checkTypedAttributes(r: Reader, c: XmlElement): void {
  for (const name of Object.keys(c.attrs)) {
    const type = TYPED[name];
    if (type) r[type](c, name);
  }
}

function readControl(r: Reader, c: XmlElement): RawControl {
  const simple = SIMPLE[c.name];
  if (simple) {
    const attrs = r.attrs(c, simple, c.name === 'text' ? [] : ['refId']);
    checkTypedAttributes(r, c);
    r.children(c, []);
    return compact({ control: c.name, refId: attrs.refId, label: c.text, attrs, line: c.line });
  }
  if (c.name === 'textBox') {
    const attrs = r.attrs(c, ['refId'], ['refId']);
    r.children(c, ['label', 'defaultValue'], ['label', 'defaultValue']);
    return compact({
      control: c.name,
      refId: attrs.refId,
      label: text(r, kid(c, 'label')) ?? '',
      attrs,
      defaultText: text(r, kid(c, 'defaultValue')),
      line: c.line,
    });
  }
  const attrs = r.attrs(c, ['refId', 'noSort'], ['refId']);
  checkTypedAttributes(r, c);
  const parts = r.children(c, ['label', 'default', 'suggestion'], ['label', 'default']);
  return compact({
    control: c.name,
    refId: attrs.refId,
    label: text(r, kid(c, 'label')) ?? '',
    attrs,
    defaultText: text(r, kid(c, 'default')),
    suggestions: parts.filter((x) => x.name === 'suggestion').map((x) => r.text(x)),
    line: c.line,
  });
}
