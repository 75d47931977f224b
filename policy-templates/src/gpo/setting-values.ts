// Checks one element's value in a desired-settings file against its definition: type, range, length,
// enum choice; fills in the element default when the value is missing.
import type { EnumElement, PolicyElement } from '../definitions/vocabulary';
import { DECIMAL_DEFAULT_MAX, DEFAULT_TEXT_MAX, MAX_U64, MAX_VALUE_NAME } from '../definitions/limits';
import type { SettingValue } from './settings';

export type ElFail = (what: string, rule: string, expected?: string) => never;

export function checkValue(el: PolicyElement, v: unknown, fail: ElFail): SettingValue | undefined {
  const required = 'required' in el && el.required === true;
  if (v === undefined) {
    const def = 'default' in el ? el.default : undefined;
    if (def !== undefined) return typeof def === 'bigint' ? def.toString() : def;
    if (required) fail('a value is required', 'required-value', `a ${el.kind} value`);
    return el.kind === 'boolean' ? false : undefined;
  }
  switch (el.kind) {
    case 'boolean':
      if (typeof v !== 'boolean')
        fail(`${JSON.stringify(v)} is not true or false`, 'value-type', 'true or false');
      return v as boolean;
    case 'decimal': {
      if (typeof v !== 'number' || !Number.isInteger(v))
        fail(`${JSON.stringify(v)} is not a whole number`, 'value-type', 'a number, e.g. 90');
      const n = v as number;
      const [min, max] = [el.minValue ?? 0, el.maxValue ?? DECIMAL_DEFAULT_MAX];
      if (n < min || n > max) fail(`${n} is outside ${min}–${max}`, 'value-range', `${min}–${max}`);
      return n;
    }
    case 'longDecimal': {
      const ok =
        (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^[0-9]+$/.test(v));
      if (!ok)
        fail(
          `${JSON.stringify(v)} is not a whole number`,
          'value-type',
          'a number or a decimal string, e.g. "1099511627776"',
        );
      const n = BigInt(v as number | string);
      const [min, max] = [el.minValue ?? 0n, el.maxValue ?? BigInt(DECIMAL_DEFAULT_MAX)];
      if (n < min || n > max || n > MAX_U64)
        fail(`${n} is outside ${min}–${max}`, 'value-range', `${min}–${max}`);
      return n.toString();
    }
    case 'text': {
      if (typeof v !== 'string') fail(`${JSON.stringify(v)} is not a string`, 'value-type', 'a string');
      noNul(v as string, 'the text', fail);
      const max = el.maxLength ?? DEFAULT_TEXT_MAX;
      if ((v as string).length > max)
        fail(
          `the text is ${(v as string).length} characters long`,
          'value-range',
          `at most ${max} characters`,
        );
      if (required && v === '') fail('the text is empty', 'required-value', 'a non-empty string');
      return v as string;
    }
    case 'multiText':
    case 'list': {
      const isRecord =
        el.kind === 'list' &&
        el.explicitValue &&
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        Object.values(v).every((x) => typeof x === 'string');
      if (isRecord) {
        for (const [name, data] of Object.entries(v as Record<string, string>)) {
          valueName(name, 'the value name', fail);
          noNul(data, `the value of ${JSON.stringify(name).slice(0, 60)}`, fail);
          if (data.length > DEFAULT_TEXT_MAX)
            fail(
              `the value of ${JSON.stringify(name).slice(0, 60)} is ${data.length} characters long`,
              'value-range',
              `at most ${DEFAULT_TEXT_MAX} characters`,
            );
        }
        return v as Record<string, string>;
      }
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
        fail(
          `${JSON.stringify(v)} is not a list of strings`,
          'value-type',
          el.kind === 'list' && el.explicitValue ? 'an object of name → value strings' : '["a", "b"]',
        );
      const max = el.kind === 'multiText' ? (el.maxLength ?? DEFAULT_TEXT_MAX) : DEFAULT_TEXT_MAX;
      (v as string[]).forEach((s, i) => {
        if (s.length > max)
          fail(
            `entry ${i + 1} is ${s.length} characters long`,
            'value-range',
            `at most ${max} characters per entry`,
          );
        noNul(s, `entry ${i + 1}`, fail);
        // An empty string ends a REG_MULTI_SZ: Windows would drop every entry after it.
        if (el.kind === 'multiText' && s === '')
          fail(`entry ${i + 1} is empty`, 'value-range', 'non-empty entries (an empty one ends the list)');
        // A list without valuePrefix names each registry value after its entry.
        if (el.kind === 'list' && el.valuePrefix === undefined) valueName(s, `entry ${i + 1}`, fail);
      });
      if (el.kind === 'multiText' && el.maxStrings && (v as string[]).length > el.maxStrings)
        fail(`${(v as string[]).length} entries`, 'value-range', `at most ${el.maxStrings} entries`);
      return v as string[];
    }
    case 'enum':
      return enumChoice(el, v, fail);
  }
}

/** U+0000 ends a registry string: what follows it would be lost on the client. */
function noNul(s: string, what: string, fail: ElFail): void {
  if (s.includes('\0'))
    fail(`${what} holds U+0000 at index ${s.indexOf('\0')}`, 'value-type', 'text without NUL characters');
}

/** A registry value name written from the settings: 1–259 characters, not a Registry.pol command. */
function valueName(s: string, what: string, fail: ElFail): void {
  noNul(s, what, fail);
  if (s === '' || s.length > MAX_VALUE_NAME || s.startsWith('**'))
    fail(
      `${what} ${JSON.stringify(s.slice(0, 60))} cannot be a registry value name`,
      'value-name',
      `1–${MAX_VALUE_NAME} characters, not starting with ** (a Registry.pol command such as **delvals.)`,
    );
}

/** An enum choice by item suffix (`PasswordOnly`), caption id, or registry value (`0`). Returns the caption id. */
function enumChoice(el: EnumElement, v: unknown, fail: ElFail): string {
  const item = el.items.find(
    (i) =>
      i.displayName === v ||
      (typeof v === 'string' && i.displayName.endsWith(`_${v}`)) ||
      (i.value.type !== 'delete' &&
        (i.value.value === v ||
          (typeof v === 'number' && Number.isInteger(v) && i.value.value === BigInt(v)))),
  );
  if (!item)
    fail(
      `${JSON.stringify(v)} is not one of its choices`,
      'enum-value',
      el.items
        .map(
          (i) =>
            `${i.displayName.split('_').pop()} (${i.value.type === 'delete' ? 'delete' : String(i.value.value)})`,
        )
        .join(', '),
    );
  return (item as { displayName: string }).displayName;
}
