// ADMX value nodes: <decimal value/>, <longDecimal value/>, <string>, <delete/>, and value lists.
import type { RegistryValue, ValueList } from '../definitions/vocabulary';
import { child, type Node } from '../xml/tree';

export function writeValue(parent: Node, wrapper: string, value: RegistryValue | undefined): void {
  if (!value) return;
  const w = child(parent, wrapper);
  switch (value.type) {
    case 'delete':
      child(w, 'delete');
      break;
    case 'decimal':
    case 'longDecimal':
      child(w, value.type, { value: value.value.toString() });
      break;
    case 'string':
      child(w, 'string', {}, value.value);
      break;
  }
}

export function writeValueList(parent: Node, wrapper: string, list: ValueList | undefined): void {
  if (!list) return;
  const w = child(parent, wrapper, { defaultKey: list.defaultKey });
  for (const item of list.items) {
    const i = child(w, 'item', { key: item.key, valueName: item.valueName });
    writeValue(i, 'value', item.value);
  }
}
