// Policy state → Registry.pol records, as the Group Policy editor writes them (admx-format.md §11):
// Enabled = the policy value, enabledList and each element's data; Disabled = disabledValue/disabledList,
// or `**del.` records when none are defined, and `**del.` / `**delvals.` for every element.
import type { PolicyElement, RegistryValue, ValueList } from '../definitions/vocabulary';
import { RegType, type PolRecord, type RegData } from '../registry/types';
import { dataRegType } from '../writers/element-type';
import { IMPLIED_OFF, IMPLIED_ON } from '../definitions/registry-values';
import type { ResolvedSetting, SettingValue } from './settings';

const DEL_DATA: RegData = { type: RegType.SZ, value: ' ' };
const del = (key: string, valueName: string): PolRecord => ({
  key,
  valueName: `**del.${valueName}`,
  data: DEL_DATA,
});
const delvals = (key: string): PolRecord => ({ key, valueName: '**delvals.', data: DEL_DATA });

export function valueRecord(key: string, valueName: string, v: RegistryValue): PolRecord {
  switch (v.type) {
    case 'delete':
      return del(key, valueName);
    case 'decimal':
      return { key, valueName, data: { type: RegType.DWORD, value: v.value } };
    case 'longDecimal':
      return { key, valueName, data: { type: RegType.QWORD, value: v.value } };
    case 'string':
      return { key, valueName, data: { type: RegType.SZ, value: v.value } };
  }
}

function listRecords(list: ValueList | undefined, key: string): PolRecord[] {
  return (list?.items ?? []).map((i) => valueRecord(i.key ?? list?.defaultKey ?? key, i.valueName, i.value));
}

export function settingRecords(s: ResolvedSetting): PolRecord[] {
  const p = s.policy;
  const out: PolRecord[] = [];
  if (s.enabled) {
    if (p.valueName !== undefined) out.push(valueRecord(p.key, p.valueName, p.enabledValue ?? IMPLIED_ON));
    out.push(...listRecords(p.enabledList, p.key));
    for (const el of p.elements ?? []) out.push(...elementRecords(el, el.key ?? p.key, s.values.get(el.id)));
  } else {
    if (p.valueName !== undefined)
      out.push(p.disabledValue ? valueRecord(p.key, p.valueName, p.disabledValue) : del(p.key, p.valueName));
    out.push(...listRecords(p.disabledList, p.key));
    for (const el of p.elements ?? []) {
      const key = el.key ?? p.key;
      if (el.kind === 'list') out.push(delvals(key));
      else if (el.valueName !== undefined) out.push(del(key, el.valueName));
    }
  }
  return out;
}

function elementRecords(el: PolicyElement, key: string, v: SettingValue | undefined): PolRecord[] {
  if (v === undefined) return [];
  const name = el.kind === 'list' ? '' : (el.valueName ?? '');
  switch (el.kind) {
    case 'boolean': {
      const on = v === true;
      const value = on ? (el.trueValue ?? IMPLIED_ON) : (el.falseValue ?? IMPLIED_OFF);
      return [
        ...(el.valueName !== undefined ? [valueRecord(key, name, value)] : []),
        ...listRecords(on ? el.trueList : el.falseList, key),
      ];
    }
    case 'decimal':
      return [
        {
          key,
          valueName: name,
          data: el.storeAsText
            ? { type: RegType.SZ, value: String(v) }
            : { type: RegType.DWORD, value: v as number },
        },
      ];
    case 'longDecimal':
      return [
        {
          key,
          valueName: name,
          data: el.storeAsText
            ? { type: RegType.SZ, value: String(v) }
            : { type: RegType.QWORD, value: BigInt(v as string) },
        },
      ];
    case 'text':
      return [
        {
          key,
          valueName: name,
          data: { type: dataRegType(el) as RegType.SZ | RegType.EXPAND_SZ, value: v as string },
        },
      ];
    case 'multiText':
      return [{ key, valueName: name, data: { type: RegType.MULTI_SZ, value: v as string[] } }];
    case 'enum': {
      const item = el.items.find((i) => i.displayName === v);
      if (!item) return [];
      return [valueRecord(key, name, item.value), ...listRecords(item.valueList, key)];
    }
    case 'list': {
      const type = dataRegType(el) as RegType.SZ | RegType.EXPAND_SZ;
      const rows: PolRecord[] = el.additive ? [] : [delvals(key)];
      if (!Array.isArray(v)) {
        for (const [n, d] of Object.entries(v as Record<string, string>))
          rows.push({ key, valueName: n, data: { type, value: d } });
      } else
        (v as string[]).forEach((d, i) =>
          rows.push({
            key,
            valueName: el.valuePrefix !== undefined ? `${el.valuePrefix}${i + 1}` : d,
            data: { type, value: d },
          }),
        );
      return rows;
    }
  }
}
