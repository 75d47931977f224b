// Small constructors that keep the MBAM definitions short and uniform. They only build vocabulary
// objects; nothing here decides policy content.
import type {
  BooleanElement,
  Control,
  EnumElement,
  EnumItem,
  RegistryValue,
  ValueList,
} from '../definitions/vocabulary';

/** MBAM's own values (HKLM; HKCU for the user template). */
export const MDOP_KEY = 'Software\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement';
/** Windows BitLocker policy values (VolumeEncryption.admx). */
export const FVE_KEY = 'Software\\Policies\\Microsoft\\FVE';
/** Where Windows keeps the deny-write-access values. */
export const FVE_SYSTEM_KEY = 'System\\CurrentControlSet\\Policies\\Microsoft\\FVE';

export const dword = (value: number): RegistryValue => ({ type: 'decimal', value });
export const text = (value: string): RegistryValue => ({ type: 'string', value });

/** The head of a computer policy: its display name and explanation ids follow its name. */
export const machinePolicy = (name: string, category: string, supportedOn: string, key: string) => ({
  name,
  class: 'Machine' as const,
  displayName: name,
  explainText: `${name}_Help`,
  category,
  supportedOn,
  key,
});

/** A policy value written as 1 when enabled and 0 when disabled. */
export const onOff = (valueName: string) => ({ valueName, enabledValue: dword(1), disabledValue: dword(0) });

/** A checkbox writing 1/0, optionally under another key. */
export function flag(
  id: string,
  valueName: string,
  opts: { key?: string; default?: boolean } = {},
): BooleanElement {
  return { kind: 'boolean', id, valueName, trueValue: dword(1), falseValue: dword(0), ...opts };
}

/** Enum items from `[suffix, value]` pairs; the caption id is `<policy>_<element>_<suffix>`. */
function items(
  policy: string,
  element: string,
  pairs: readonly (readonly [string, number, ValueList?])[],
): EnumItem[] {
  return pairs.map(([suffix, value, valueList]) => ({
    displayName: `${policy}_${element}_${suffix}`,
    value: dword(value),
    ...(valueList ? { valueList } : {}),
  }));
}

/** A drop-down choice writing the value named like its id; items as `items` builds them, `default` by suffix. */
export function choice(
  policy: string,
  id: string,
  pairs: readonly (readonly [string, number, ValueList?])[],
  opts: { readonly default: string; readonly required?: boolean },
): EnumElement {
  return {
    kind: 'enum',
    id,
    valueName: id,
    ...(opts.required !== undefined ? { required: opts.required } : {}),
    items: items(policy, id, pairs),
    default: `${policy}_${id}_${opts.default}`,
  };
}

/** A control whose label id is `<policy>_<element>`. */
export function control<K extends Exclude<Control['control'], 'text'>>(
  kind: K,
  policy: string,
  refId: string,
  extra: object = {},
): Control {
  return { control: kind, refId, label: `${policy}_${refId}`, ...extra } as Control;
}

/** A static text line of a presentation; its id is `<policy>_Text<n>`. */
export const note = (policy: string, n: number): Control => ({
  control: 'text',
  label: `${policy}_Text${n}`,
});

/** One value list under the FVE key. */
export function fveList(values: Readonly<Record<string, number>>, key = FVE_KEY): ValueList {
  return {
    defaultKey: key,
    items: Object.entries(values).map(([valueName, v]) => ({ valueName, value: dword(v) })),
  };
}
