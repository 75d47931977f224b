// The shape of a policy set, checked before any rule runs. Definitions modules are TypeScript the user
// edits ("Edit freely", says the header `policy import` writes) and tsx strips the types when it loads
// them: `key: 5`, a deleted `items` or a misspelt field would otherwise reach the rules as a TypeError.
// Each problem names its path (with the policy or element name), what was expected and what was found.
import { NOT_XML_CHARACTER } from '../xml/characters';
import { MAX_U32 } from './limits';

export type ShapeReport = (path: string, what: string, expected: string) => void;
type Check = (v: unknown, path: string, bad: ShapeReport) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `number 5`, `the string "x"`, `null`, `an array`, … */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'bigint') return `the bigint ${v}n`;
  return `${typeof v} ${String(v)}`;
}

const primitive =
  (type: 'string' | 'number' | 'boolean' | 'bigint', expected: string): Check =>
  (v, path, bad) => {
    if (typeof v !== type) bad(path, `found ${describe(v)}`, expected);
  };

/** Every string of a policy set ends up in an ADMX or ADML file, so it must be one XML can hold. */
const str: Check = (v, path, bad) => {
  if (typeof v !== 'string') return bad(path, `found ${describe(v)}`, 'a string');
  const c = NOT_XML_CHARACTER.exec(v);
  if (c)
    bad(
      path,
      `holds U+${(c[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} at index ${c.index}, which an ADMX/ADML file cannot carry`,
      'text without control characters other than tab and line breaks',
    );
};
const num = primitive('number', 'a number');
const bool = primitive('boolean', 'true or false');
const big = primitive('bigint', 'a bigint, e.g. 1024n');
const uint: Check = (v, path, bad) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_U32)
    bad(path, `found ${describe(v)}`, `a whole number 0–${MAX_U32}`);
};
const oneOf =
  (...values: string[]): Check =>
  (v, path, bad) => {
    if (typeof v !== 'string' || !values.includes(v))
      bad(path, `found ${describe(v)}`, `one of ${values.map((x) => `'${x}'`).join(', ')}`);
  };

/** Array items are labelled with their `name` or `id` when they have one: `policies[3](CEIPPolicy)`. */
const arrayOf =
  (item: Check): Check =>
  (v, path, bad) => {
    if (!Array.isArray(v)) return bad(path, `found ${describe(v)}`, 'an array');
    // An index loop, not forEach: a hole (`[a, , b]`) must be reported, not skipped.
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const label = isObject(x) ? (x.name ?? x.id ?? x.locale) : undefined;
      item(x, `${path}[${i}]${typeof label === 'string' ? `(${label})` : ''}`, bad);
    }
  };

const recordOf =
  (value: Check): Check =>
  (v, path, bad) => {
    if (!isObject(v)) return bad(path, `found ${describe(v)}`, 'an object');
    for (const [k, x] of Object.entries(v)) value(x, `${path}.${k}`, bad);
  };

type Fields = Readonly<Record<string, Check>>;

/** An object with `required` and `optional` fields and no others (a misspelt field is not ignored). */
const obj =
  (required: Fields, optional: Fields = {}): Check =>
  (v, path, bad) => {
    if (!isObject(v)) return bad(path, `found ${describe(v)}`, 'an object');
    for (const [k, check] of Object.entries(required))
      if (v[k] === undefined) bad(`${path}.${k}`, 'is missing', describeExpected(check));
      else check(v[k], `${path}.${k}`, bad);
    for (const [k, check] of Object.entries(optional))
      if (v[k] !== undefined) check(v[k], `${path}.${k}`, bad);
    const known = [...Object.keys(required), ...Object.keys(optional)];
    for (const k of Object.keys(v))
      if (!known.includes(k))
        bad(`${path}.${k}`, 'is not a field of this object', `only: ${known.join(', ')}`);
  };

/** The expected form of a missing field, from what its check would say about `undefined`. */
function describeExpected(check: Check): string {
  let expected = 'a value';
  check(undefined, '', (_p, _w, e) => (expected = e));
  return expected;
}

/** A union told apart by one field (`type`, `kind`, `control`). */
const tagged =
  (tag: string, cases: Readonly<Record<string, readonly [Fields, Fields?]>>): Check =>
  (v, path, bad) => {
    if (!isObject(v)) return bad(path, `found ${describe(v)}`, `an object with a '${tag}'`);
    const kind = v[tag];
    const fields = typeof kind === 'string' ? cases[kind] : undefined;
    if (!fields) return oneOf(...Object.keys(cases))(kind, `${path}.${tag}`, bad);
    obj({ [tag]: str, ...fields[0] }, fields[1])(v, path, bad);
  };

const value = tagged('type', {
  delete: [{}],
  decimal: [{ value: num }],
  longDecimal: [{ value: big }],
  string: [{ value: str }],
});
const valueList = obj({ items: arrayOf(obj({ valueName: str, value }, { key: str })) }, { defaultKey: str });
const base = { key: str, valueName: str, clientExtension: str };
const element = tagged('kind', {
  boolean: [
    { id: str },
    {
      ...base,
      trueValue: value,
      falseValue: value,
      trueList: valueList,
      falseList: valueList,
      default: bool,
    },
  ],
  decimal: [
    { id: str },
    { ...base, required: bool, minValue: num, maxValue: num, storeAsText: bool, soft: bool, default: num },
  ],
  longDecimal: [
    { id: str },
    { ...base, required: bool, minValue: big, maxValue: big, storeAsText: bool, soft: bool, default: big },
  ],
  text: [
    { id: str },
    { ...base, required: bool, maxLength: uint, expandable: bool, soft: bool, default: str },
  ],
  multiText: [{ id: str }, { ...base, required: bool, maxLength: uint, maxStrings: uint, soft: bool }],
  enum: [
    { id: str, items: arrayOf(obj({ displayName: str, value }, { valueList })) },
    { ...base, required: bool, default: str },
  ],
  list: [
    { id: str },
    {
      key: str,
      clientExtension: str,
      valuePrefix: str,
      additive: bool,
      expandable: bool,
      explicitValue: bool,
    },
  ],
});
const labelled = { refId: str, label: str };
const control = tagged('control', {
  text: [{ label: str }],
  checkBox: [labelled],
  decimalTextBox: [labelled, { spin: bool, spinStep: uint }],
  longDecimalTextBox: [labelled, { spin: bool, spinStep: uint }],
  textBox: [labelled],
  comboBox: [labelled, { suggestions: arrayOf(str), noSort: bool }],
  multiTextBox: [labelled, { showAsDialog: bool, defaultHeight: uint }],
  dropdownList: [labelled, { noSort: bool }],
  listBox: [labelled],
});
const policy = obj(
  { name: str, class: str, displayName: str, category: str, supportedOn: str, key: str },
  {
    explainText: str,
    valueName: str,
    enabledValue: value,
    disabledValue: value,
    enabledList: valueList,
    disabledList: valueList,
    elements: arrayOf(element),
    presentation: obj({ id: str, controls: arrayOf(control) }),
    ownValueNames: arrayOf(str),
    counterparts: arrayOf(str),
  },
);
const version = { name: str, displayName: str, versionIndex: uint };
const member = tagged('kind', {
  range: [{ ref: str }, { minVersionIndex: uint, maxVersionIndex: uint }],
  reference: [{ ref: str }],
});
const namespace = obj({ prefix: str, namespace: str });
const template = obj(
  {
    fileName: str,
    revision: str,
    target: namespace,
    resources: obj({ displayName: str, description: str }),
    policies: arrayOf(policy),
  },
  {
    using: arrayOf(namespace),
    fallbackCulture: str,
    products: arrayOf(
      obj(
        { name: str, displayName: str },
        { majorVersions: arrayOf(obj(version, { minorVersions: arrayOf(obj(version)) })) },
      ),
    ),
    supportedOn: arrayOf(
      obj(
        { name: str, displayName: str },
        { condition: obj({ type: oneOf('or', 'and'), members: arrayOf(member) }) },
      ),
    ),
    categories: arrayOf(obj({ name: str, displayName: str }, { explainText: str, parent: str })),
  },
);
const policySet = obj({
  templates: arrayOf(template),
  locales: arrayOf(obj({ locale: str, strings: recordOf(str) })),
});

/** Reports every place where `set` does not have the shape of a PolicySet (vocabulary.ts). */
export function checkShape(set: unknown, bad: ShapeReport): void {
  policySet(set, 'policySet', bad);
}
