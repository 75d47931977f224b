// Every registry value a policy may write, derived from its definition: what the agent reads, what the
// README table lists, what `policy show` prints. Pure data, in definition order.
import type { PolicyDefinition, RegistryValue, ValueList } from './vocabulary';
import { REG_TYPE_NAMES } from '../registry/types';
import { DECIMAL_DEFAULT_MAX, DEFAULT_TEXT_MAX } from './limits';
import { dataRegType } from '../writers/element-type';

export interface RegistryValueInfo {
  /** Key without hive (the hive follows the policy class). */
  readonly key: string;
  /** Value name; for a `list` element, the value prefix pattern (e.g. `1, 2, …`). */
  readonly valueName: string;
  /** `REG_DWORD`, `REG_SZ`, … */
  readonly type: string;
  /** Where the value comes from: `policy`, `enabledList`, `element`, `item` (an enum item's value list), … */
  readonly source: string;
  /** The element that writes it, if any. */
  readonly elementId?: string;
  /** Allowed values, when the set is closed (booleans, enums, fixed values). */
  readonly allowed?: readonly (number | string)[];
  readonly min?: number | string;
  readonly max?: number | string;
  readonly default?: number | string | boolean;
  /** True when the value name is this project's own choice (see README). */
  readonly own: boolean;
}

/** What ADMX implies when a policy omits enabledValue, or a boolean element its trueValue / falseValue. */
export const IMPLIED_ON: RegistryValue = { type: 'decimal', value: 1 };
export const IMPLIED_OFF: RegistryValue = { type: 'decimal', value: 0 };

function typeOf(v: RegistryValue): string {
  switch (v.type) {
    case 'decimal':
      return 'REG_DWORD';
    case 'longDecimal':
      return 'REG_QWORD';
    case 'string':
      return 'REG_SZ';
    case 'delete':
      return '(delete)';
  }
}

const show = (v: RegistryValue): number | string =>
  v.type === 'delete' ? '(delete)' : typeof v.value === 'bigint' ? v.value.toString() : v.value;

export function registryValues(p: PolicyDefinition): RegistryValueInfo[] {
  const out: RegistryValueInfo[] = [];
  const own = new Set(p.ownValueNames ?? []);
  const add = (info: Omit<RegistryValueInfo, 'own'>): void => {
    const prev = out.find(
      (o) => o.key.toLowerCase() === info.key.toLowerCase() && o.valueName === info.valueName,
    );
    if (prev?.allowed && info.allowed) {
      const merged = [...prev.allowed, ...info.allowed.filter((a) => !prev.allowed?.includes(a))];
      out[out.indexOf(prev)] = { ...prev, allowed: merged };
      return;
    }
    if (!prev) out.push({ ...info, own: own.has(info.valueName) });
  };
  const fromList = (list: ValueList | undefined, source: string, elementId?: string): void => {
    for (const item of list?.items ?? [])
      add({
        key: item.key ?? list?.defaultKey ?? p.key,
        valueName: item.valueName,
        type: typeOf(item.value),
        source,
        elementId,
        allowed: [show(item.value)],
      });
  };
  if (p.valueName !== undefined) {
    const on = p.enabledValue ?? IMPLIED_ON;
    add({
      key: p.key,
      valueName: p.valueName,
      type: typeOf(on),
      source: 'policy',
      allowed: (p.disabledValue ? [on, p.disabledValue] : [on]).map(show),
    });
  }
  fromList(p.enabledList, 'enabledList');
  fromList(p.disabledList, 'disabledList');
  for (const el of p.elements ?? []) {
    // What every value an element writes has in common.
    const element = {
      key: el.key ?? p.key,
      valueName: el.kind === 'list' ? '' : (el.valueName ?? ''),
      type: REG_TYPE_NAMES[dataRegType(el)] ?? '?',
      source: 'element' as const,
      elementId: el.id,
    };
    switch (el.kind) {
      case 'boolean': {
        if (el.valueName !== undefined) {
          const vals = [el.trueValue ?? IMPLIED_ON, el.falseValue ?? IMPLIED_OFF];
          add({
            ...element,
            type: typeOf(vals[0]!),
            allowed: vals.map(show),
            default: el.default,
          });
        }
        fromList(el.trueList, 'trueList', el.id);
        fromList(el.falseList, 'falseList', el.id);
        break;
      }
      case 'enum': {
        const def = el.items.find((i) => i.displayName === el.default);
        const first = el.items[0]?.value ?? { type: 'decimal', value: 0 };
        add({
          ...element,
          type: typeOf(first),
          allowed: el.items.map((i) => show(i.value)),
          default: def ? show(def.value) : undefined,
        });
        for (const item of el.items) fromList(item.valueList, 'item', el.id);
        break;
      }
      case 'decimal':
        add({
          ...element,
          min: el.minValue ?? 0,
          max: el.maxValue ?? DECIMAL_DEFAULT_MAX,
          default: el.default,
        });
        break;
      case 'longDecimal':
        add({
          ...element,
          min: String(el.minValue ?? 0n),
          max: String(el.maxValue ?? BigInt(DECIMAL_DEFAULT_MAX)),
          default: el.default?.toString(),
        });
        break;
      case 'text':
        add({
          ...element,
          max: el.maxLength ?? DEFAULT_TEXT_MAX,
          default: el.default,
        });
        break;
      case 'multiText':
        add({
          ...element,
          max: el.maxLength ?? DEFAULT_TEXT_MAX,
        });
        break;
      case 'list':
        add({
          ...element,
          valueName: el.explicitValue
            ? '(name = value)'
            : el.valuePrefix !== undefined
              ? `${el.valuePrefix}1, ${el.valuePrefix}2, …`
              : '(name = data)',
        });
        break;
    }
  }
  return out;
}

export function writtenValueNames(p: PolicyDefinition): string[] {
  return registryValues(p).map((v) => v.valueName);
}
