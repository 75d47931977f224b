// Reads the <elements> of one ADMX policy into vocabulary elements (the kind comes from the shared
// type mapping; an unknown tag is an error naming it).
import type { EnumItem, PolicyElement } from '../definitions/vocabulary';
import type { XmlElement } from '../xml/parse';
import { kindOfAdmxTag } from '../writers/element-type';
import { readValue, readValueList } from './admx-values';
import { compact, type Reader } from './strict';

const COMMON = ['id', 'clientExtension', 'key', 'valueName'];

export function readElement(r: Reader, el: XmlElement): PolicyElement {
  const kind = kindOfAdmxTag(el.name);
  if (!kind)
    return r.fail(
      el,
      `element <${el.name}> is not supported in <elements>`,
      'boolean, decimal, longDecimal, text, multiText, enum, list',
    );
  const base = (extra: string[]) => {
    const a = r.attrs(el, [...COMMON, ...extra], ['id']);
    return { id: a.id ?? '', key: a.key, valueName: a.valueName, clientExtension: a.clientExtension };
  };
  switch (kind) {
    case 'boolean': {
      const b = base([]);
      const names = ['trueValue', 'falseValue', 'trueList', 'falseList'];
      const parts = new Map(r.children(el, names, names).map((c) => [c.name, c]));
      const val = (n: string) => (parts.get(n) ? readValue(r, parts.get(n) as XmlElement) : undefined);
      const list = (n: string) => (parts.get(n) ? readValueList(r, parts.get(n) as XmlElement) : undefined);
      return compact({
        kind,
        ...b,
        trueValue: val('trueValue'),
        falseValue: val('falseValue'),
        trueList: list('trueList'),
        falseList: list('falseList'),
      });
    }
    case 'decimal':
      r.empty(el);
      return compact({
        kind,
        ...base(['required', 'minValue', 'maxValue', 'storeAsText', 'soft']),
        required: r.bool(el, 'required'),
        minValue: r.uint(el, 'minValue'),
        maxValue: r.uint(el, 'maxValue'),
        storeAsText: r.bool(el, 'storeAsText'),
        soft: r.bool(el, 'soft'),
      });
    case 'longDecimal':
      r.empty(el);
      return compact({
        kind,
        ...base(['required', 'minValue', 'maxValue', 'storeAsText', 'soft']),
        required: r.bool(el, 'required'),
        minValue: r.ulong(el, 'minValue'),
        maxValue: r.ulong(el, 'maxValue'),
        storeAsText: r.bool(el, 'storeAsText'),
        soft: r.bool(el, 'soft'),
      });
    case 'text':
      r.empty(el);
      return compact({
        kind,
        ...base(['required', 'maxLength', 'expandable', 'soft']),
        required: r.bool(el, 'required'),
        maxLength: r.uint(el, 'maxLength'),
        expandable: r.bool(el, 'expandable'),
        soft: r.bool(el, 'soft'),
      });
    case 'multiText':
      r.empty(el);
      return compact({
        kind,
        ...base(['required', 'maxLength', 'maxStrings', 'soft']),
        required: r.bool(el, 'required'),
        maxLength: r.uint(el, 'maxLength'),
        maxStrings: r.uint(el, 'maxStrings'),
        soft: r.bool(el, 'soft'),
      });
    case 'enum': {
      const b = base(['required']);
      const items: EnumItem[] = r.children(el, ['item']).map((item) => {
        const a = r.attrs(item, ['displayName'], ['displayName']);
        const [value, valueList, extra] = r.children(item, ['value', 'valueList']);
        if (value?.name !== 'value' || extra || (valueList && valueList.name !== 'valueList'))
          r.fail(item, 'an enum item holds <value> then an optional <valueList>');
        return compact({
          displayName: r.stringRef(item, a.displayName) ?? '',
          value: readValue(r, value as XmlElement),
          valueList: valueList ? readValueList(r, valueList) : undefined,
        });
      });
      return compact({ kind, ...b, required: r.bool(el, 'required'), items });
    }
    case 'list': {
      const a = r.attrs(
        el,
        ['id', 'clientExtension', 'key', 'valuePrefix', 'additive', 'expandable', 'explicitValue'],
        ['id'],
      );
      r.empty(el);
      return compact({
        kind,
        id: a.id ?? '',
        key: a.key,
        clientExtension: a.clientExtension,
        valuePrefix: a.valuePrefix,
        additive: r.bool(el, 'additive'),
        expandable: r.bool(el, 'expandable'),
        explicitValue: r.bool(el, 'explicitValue'),
      });
    }
  }
}
