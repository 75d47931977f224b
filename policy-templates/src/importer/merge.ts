// Joins an ADMX with its ADML(s): presentations become typed controls whose labels get string ids
// (`<presentation>_<refId>`, `<presentation>_Text<n>`), and control defaults move onto their elements.
import type {
  Control,
  LocaleStrings,
  PolicyDefinition,
  PolicyElement,
  PolicySet,
  PolicyTemplate,
} from '../definitions/vocabulary';
import type { RawAdml, RawControl } from './adml-reader';
import type { RawPolicy, readAdmx } from './admx-reader';
import { compact, xsBoolean, xsUnsignedInt, type Reader } from './strict';

type RawTemplate = ReturnType<typeof readAdmx>;

function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

export function merge(
  r: Reader,
  raw: RawTemplate,
  admls: readonly { locale: string; adml: RawAdml }[],
): PolicySet {
  const [first] = admls;
  if (!first)
    return r.fail(undefined, 'no ADML given', 'the ADML of the same base name, e.g. en-US/Foo.adml');
  const taken = new Set<string>();
  for (const { adml } of admls) for (const id of adml.strings.keys()) taken.add(id);
  const labels = admls.map(() => new Map<string, string>());
  const setLabel = (id: string, i: number, text: string): void => void labels[i]?.set(id, text);
  const resources = {
    displayName: unique(`${raw.fileName}_DisplayName`, taken),
    description: unique(`${raw.fileName}_Description`, taken),
  };
  admls.forEach(({ adml }, i) => {
    setLabel(resources.displayName, i, adml.displayName);
    setLabel(resources.description, i, adml.description);
  });
  const labelIds = new Map<string, string>();
  const labelId = (base: string): string =>
    labelIds.get(base) ?? (labelIds.set(base, unique(base, taken)), labelIds.get(base) as string);
  const policies = raw.policies.map((p) => attach(r, p, admls, labelId, setLabel));
  const template: PolicyTemplate = { ...raw, resources, policies };
  const locales: LocaleStrings[] = admls.map(({ locale, adml }, i) => ({
    locale,
    strings: Object.fromEntries(
      [...adml.strings, ...(labels[i] ?? new Map<string, string>())].sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      ),
    ),
  }));
  return { templates: [template], locales };
}

function attach(
  r: Reader,
  raw: RawPolicy,
  admls: readonly { locale: string; adml: RawAdml }[],
  labelId: (base: string) => string,
  setLabel: (id: string, i: number, text: string) => void,
): PolicyDefinition {
  const { presentationRef, ...p } = raw;
  if (presentationRef === undefined) return p;
  const found = admls.map(({ adml }) => adml.presentations.get(presentationRef));
  const controls0 =
    found[0] ?? r.fail(undefined, `policy ${p.name}: $(presentation.${presentationRef}) is not in the ADML`);
  let elements: PolicyElement[] = [...(p.elements ?? [])];
  let texts = 0;
  const controls: Control[] = controls0.map((c, index) => {
    const base = c.control === 'text' ? `${presentationRef}_Text${++texts}` : `${presentationRef}_${c.refId}`;
    const id = labelId(base);
    found.forEach((list, i) => {
      const same = list?.[index];
      if (list && same?.control !== c.control)
        r.fail(
          undefined,
          `presentation ${presentationRef} differs between ADML files (control ${index + 1})`,
        );
      setLabel(id, i, same?.label ?? c.label);
    });
    if (c.control === 'text') return { control: 'text', label: id };
    elements = elements.map((e) => (e.id === c.refId ? withDefault(r, e, c) : e));
    const suggestions = (c.suggestions ?? []).map((s, n) => {
      const sid = labelId(`${base}_Suggestion${n + 1}`);
      found.forEach((list, i) => setLabel(sid, i, list?.[index]?.suggestions?.[n] ?? s));
      return sid;
    });
    return toControl(r, c, id, suggestions);
  });
  return { ...p, elements, presentation: { id: presentationRef, controls } };
}

// Presentation attribute values were type-checked when the ADML was read (adml-reader.ts).
const bool = (v: string | undefined) => (v === undefined ? undefined : xsBoolean(v));

function toControl(r: Reader, c: RawControl, label: string, suggestions: string[]): Control {
  const refId = c.refId ?? '';
  const a = c.attrs;
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  switch (c.control) {
    case 'checkBox':
    case 'textBox':
    case 'listBox':
      return { control: c.control, refId, label };
    case 'decimalTextBox':
    case 'longDecimalTextBox':
      return compact({ control: c.control, refId, label, spin: bool(a.spin), spinStep: num(a.spinStep) });
    case 'comboBox':
      return compact({
        control: c.control,
        refId,
        label,
        suggestions: suggestions.length ? suggestions : undefined,
        noSort: bool(a.noSort),
      });
    case 'multiTextBox':
      return compact({
        control: c.control,
        refId,
        label,
        showAsDialog: bool(a.showAsDialog),
        defaultHeight: num(a.defaultHeight),
      });
    case 'dropdownList':
      return compact({ control: c.control, refId, label, noSort: bool(a.noSort) });
    default:
      return r.fail(undefined, `control <${c.control}> (line ${c.line}) is not supported`);
  }
}

function withDefault(r: Reader, e: PolicyElement, c: RawControl): PolicyElement {
  const a = c.attrs;
  switch (e.kind) {
    case 'boolean':
      return a.defaultChecked === undefined ? e : { ...e, default: bool(a.defaultChecked) };
    case 'decimal': {
      // decimalTextBox defaultValue= was type-checked with the ADML; a textBox <defaultValue> is free text,
      // and Number() would turn '0x10' into 16, '1e3' into 1000 and '' into 0.
      const v = a.defaultValue ?? c.defaultText;
      if (v === undefined) return e;
      const n =
        xsUnsignedInt(v) ??
        r.fail(
          undefined,
          `${c.control} ${c.refId}: default '${v}' for decimal element '${e.id}' is not a 32-bit unsigned number (line ${c.line})`,
          'digits only, e.g. <defaultValue>30</defaultValue>',
        );
      return { ...e, default: n };
    }
    case 'longDecimal':
      return a.defaultValue === undefined ? e : { ...e, default: BigInt(a.defaultValue) };
    case 'text':
      return c.defaultText === undefined ? e : { ...e, default: c.defaultText };
    case 'enum': {
      if (a.defaultItem === undefined) return e;
      const item = e.items[Number(a.defaultItem)];
      if (!item)
        return r.fail(
          undefined,
          `dropdownList ${c.refId}: defaultItem ${a.defaultItem} is past the last of ${e.items.length} items (line ${c.line})`,
        );
      return { ...e, default: item.displayName };
    }
    default:
      return e;
  }
}
