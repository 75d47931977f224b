// Rules for registry values, value lists and keys, shared by policies and elements.
import type { RegistryValue, ValueList } from './vocabulary';
import { MAX_KEY, MAX_STRING_VALUE, MAX_U32, MAX_U64, MAX_VALUE_NAME } from './limits';

export type Report = (rule: string, what: string, expected?: string, example?: string) => void;

export function checkKey(key: string | undefined, where: string, report: Report): void {
  if (key === undefined) return;
  if (key === '' || /^(HK[A-Z_]+|HKEY_[A-Z_]+)\\/i.test(key) || key.startsWith('\\') || key.endsWith('\\')) {
    report(
      'registry-key',
      `${where}: registry key '${key}' is not a relative key path`,
      'a key without hive and without leading or trailing backslash',
      'Software\\Policies\\Microsoft\\FVE',
    );
  } else if (key.length > MAX_KEY || key.includes('\\\\')) {
    report(
      'registry-key',
      `${where}: registry key '${key}' is too long or has an empty component`,
      `≤ ${MAX_KEY} characters`,
    );
  }
}

export function checkValueName(name: string | undefined, where: string, report: Report): void {
  if (name === undefined) return;
  if (name === '' || name.length > MAX_VALUE_NAME || name.startsWith('**')) {
    report(
      'value-name',
      `${where}: value name '${name}' is empty, longer than ${MAX_VALUE_NAME} characters or starts with '**'`,
      `1–${MAX_VALUE_NAME} characters, not a Registry.pol command`,
      'ClientWakeupFrequency',
    );
  }
}

export function checkValue(value: RegistryValue | undefined, where: string, report: Report): void {
  if (!value) return;
  switch (value.type) {
    case 'decimal':
      if (!Number.isInteger(value.value) || value.value < 0 || value.value > MAX_U32)
        report(
          'value-range',
          `${where}: decimal ${value.value} is not a 32-bit unsigned integer`,
          `0–${MAX_U32}`,
        );
      break;
    case 'longDecimal':
      if (value.value < 0n || value.value > MAX_U64)
        report(
          'value-range',
          `${where}: longDecimal ${value.value} is not a 64-bit unsigned integer`,
          `0–${MAX_U64}`,
        );
      break;
    case 'string':
      if (value.value.length > MAX_STRING_VALUE)
        report(
          'string-length',
          `${where}: string value is ${value.value.length} characters long`,
          `≤ ${MAX_STRING_VALUE}`,
        );
      break;
    case 'delete':
      break;
  }
}

export function checkValueList(list: ValueList | undefined, where: string, report: Report): void {
  if (!list) return;
  checkKey(list.defaultKey, `${where} defaultKey`, report);
  if (list.items.length === 0)
    report('value-list', `${where}: a value list needs at least one item`, '≥ 1 item');
  list.items.forEach((item, i) => {
    checkKey(item.key, `${where} item ${i}`, report);
    checkValueName(item.valueName, `${where} item ${i}`, report);
    checkValue(item.value, `${where} item ${i} (${item.valueName})`, report);
  });
}

export function sameValue(a: RegistryValue, b: RegistryValue): boolean {
  return a.type === b.type && (a.type === 'delete' || ('value' in b && a.value === b.value));
}
