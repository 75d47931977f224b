// Rules for the elements of one policy: ids, value names, ranges, lengths, enum items, defaults.
import type { PolicyElement } from './vocabulary';
import { checkKey, checkValue, checkValueList, checkValueName, sameValue, type Report } from './check-values';
import {
  DECIMAL_DEFAULT_MAX,
  DEFAULT_TEXT_MAX,
  ID_PATTERN,
  MAX_TEXT_LENGTH,
  MAX_U32,
  MAX_U64,
} from './limits';

function checkRange(
  el: { id: string; minValue?: number | bigint; maxValue?: number | bigint; default?: number | bigint },
  lo: number | bigint,
  hi: number | bigint,
  report: Report,
): void {
  const min = el.minValue ?? (typeof lo === 'bigint' ? 0n : 0);
  const max = el.maxValue ?? (typeof hi === 'bigint' ? BigInt(DECIMAL_DEFAULT_MAX) : DECIMAL_DEFAULT_MAX);
  const where = `element '${el.id}'`;
  for (const [name, v] of [
    ['minValue', el.minValue],
    ['maxValue', el.maxValue],
    ['default', el.default],
  ] as const) {
    if (v === undefined) continue;
    if (typeof v === 'number' && !Number.isInteger(v))
      report('value-range', `${where}: ${name} ${v} is not an integer`);
    if (v < lo || v > hi)
      report('value-range', `${where}: ${name} ${v} is outside ${lo}–${hi}`, `${lo}–${hi}`);
  }
  if (min > max)
    report('min-max', `${where}: minValue ${min} is greater than maxValue ${max}`, 'minValue ≤ maxValue');
  if (el.default !== undefined && (el.default < min || el.default > max))
    report(
      'default-range',
      `${where}: default ${el.default} is outside ${min}–${max}`,
      `a default within ${min}–${max}`,
    );
}

export function checkElement(el: PolicyElement, report: Report): void {
  const where = `element '${el.id}'`;
  if (!ID_PATTERN.test(el.id))
    report(
      'element-id',
      `${where}: id must match [A-Za-z0-9_]+`,
      'letters, digits, _',
      'ClientWakeupFrequency',
    );
  checkKey(el.key, where, report);
  if (el.kind !== 'list') checkValueName(el.valueName, where, report);
  switch (el.kind) {
    case 'boolean':
      for (const v of [el.trueValue, el.falseValue]) checkValue(v, where, report);
      checkValueList(el.trueList, `${where} trueList`, report);
      checkValueList(el.falseList, `${where} falseList`, report);
      if (el.valueName === undefined && !el.trueList && !el.falseList)
        report('element-value', `${where}: a boolean needs a valueName or a trueList/falseList`);
      break;
    case 'decimal':
      checkRange(el, 0, MAX_U32, report);
      break;
    case 'longDecimal':
      checkRange(el, 0n, MAX_U64, report);
      break;
    case 'text': {
      const max = el.maxLength ?? DEFAULT_TEXT_MAX;
      if (max < 1 || max > MAX_TEXT_LENGTH)
        report('text-length', `${where}: maxLength ${max} is outside 1–${MAX_TEXT_LENGTH}`);
      if (el.default !== undefined && el.default.length > max)
        report(
          'text-length',
          `${where}: default is ${el.default.length} characters, longer than maxLength ${max}`,
        );
      break;
    }
    case 'multiText': {
      const max = el.maxLength ?? DEFAULT_TEXT_MAX;
      if (max < 1 || max > MAX_TEXT_LENGTH)
        report('text-length', `${where}: maxLength ${max} is outside 1–${MAX_TEXT_LENGTH}`);
      break;
    }
    case 'enum': {
      if (el.items.length === 0)
        report('enum-items', `${where}: an enum needs at least one item`, '≥ 1 item');
      el.items.forEach((item, i) => {
        checkValue(item.value, `${where} item ${item.displayName}`, report);
        checkValueList(item.valueList, `${where} item ${item.displayName} valueList`, report);
        const dupValue = el.items.findIndex((o) => sameValue(o.value, item.value));
        if (dupValue !== i)
          report(
            'enum-distinct',
            `${where}: items ${dupValue} and ${i} have the same value`,
            'distinct enum values',
          );
        if (el.items.findIndex((o) => o.displayName === item.displayName) !== i)
          report(
            'enum-distinct',
            `${where}: item caption '${item.displayName}' is used twice`,
            'distinct item captions',
          );
      });
      if (el.default !== undefined && !el.items.some((i) => i.displayName === el.default))
        report(
          'enum-default',
          `${where}: default '${el.default}' is not one of its items`,
          el.items.map((i) => i.displayName).join(', '),
        );
      break;
    }
    case 'list':
      if (el.explicitValue && el.valuePrefix !== undefined)
        report(
          'list-prefix',
          `${where}: explicitValue cannot be combined with valuePrefix`,
          'one of explicitValue or valuePrefix',
        );
      break;
  }
  if (el.kind !== 'list' && el.kind !== 'boolean' && el.valueName === undefined)
    report(
      'element-value',
      `${where}: a ${el.kind} element needs a valueName`,
      'valueName: "<RegistryValueName>"',
    );
}
