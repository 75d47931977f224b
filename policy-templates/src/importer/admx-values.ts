// Reads ADMX values (<decimal/>, <longDecimal/>, <string>, <delete/>) and value lists.
import type { RegistryValue, ValueList } from '../definitions/vocabulary';
import type { XmlElement } from '../xml/parse';
import { compact, type Reader } from './strict';

export function readValue(r: Reader, wrapper: XmlElement): RegistryValue {
  r.attrs(wrapper, []);
  const [v, extra] = r.children(wrapper, ['delete', 'decimal', 'longDecimal', 'string']);
  if (!v || extra)
    r.fail(
      wrapper,
      `<${wrapper.name}> must hold exactly one value`,
      '<decimal value="1"/>, <longDecimal/>, <string>, or <delete/>',
    );
  switch (v.name) {
    case 'delete':
      r.attrs(v, []);
      r.empty(v);
      return { type: 'delete' };
    case 'decimal':
      r.attrs(v, ['value'], ['value']);
      r.empty(v);
      return { type: 'decimal', value: r.uint(v, 'value') ?? 0 };
    case 'longDecimal':
      r.attrs(v, ['value'], ['value']);
      r.empty(v);
      return { type: 'longDecimal', value: r.ulong(v, 'value') ?? 0n };
    default:
      r.attrs(v, []);
      r.children(v, []);
      return { type: 'string', value: v.text };
  }
}

export function readValueList(r: Reader, el: XmlElement): ValueList {
  const a = r.attrs(el, ['defaultKey']);
  const items = r.children(el, ['item']).map((item) => {
    const ia = r.attrs(item, ['key', 'valueName'], ['valueName']);
    const [value] = r.children(item, ['value'], ['value']);
    if (!value) return r.fail(item, 'a value list item needs a <value>');
    return compact({ key: ia.key, valueName: ia.valueName ?? '', value: readValue(r, value) });
  });
  return compact({ defaultKey: a.defaultKey, items });
}
