// ADMX <elements>: one node per element, named by the shared type mapping (element-type.ts).
import type { PolicyElement } from '../definitions/vocabulary';
import { bool, child, num, type Node } from '../xml/tree';
import { elementType } from './element-type';
import { writeValue, writeValueList } from './admx-values';

export function writeElement(parent: Node, el: PolicyElement): void {
  const tag = elementType(el.kind).admxTag;
  const common = { id: el.id, clientExtension: el.clientExtension, key: el.key };
  switch (el.kind) {
    case 'boolean': {
      const n = child(parent, tag, { ...common, valueName: el.valueName });
      writeValue(n, 'trueValue', el.trueValue);
      writeValue(n, 'falseValue', el.falseValue);
      writeValueList(n, 'trueList', el.trueList);
      writeValueList(n, 'falseList', el.falseList);
      return;
    }
    case 'decimal':
    case 'longDecimal':
      child(parent, tag, {
        ...common,
        valueName: el.valueName,
        required: bool(el.required),
        minValue: num(el.minValue),
        maxValue: num(el.maxValue),
        storeAsText: bool(el.storeAsText),
        soft: bool(el.soft),
      });
      return;
    case 'text':
      child(parent, tag, {
        ...common,
        valueName: el.valueName,
        required: bool(el.required),
        maxLength: num(el.maxLength),
        expandable: bool(el.expandable),
        soft: bool(el.soft),
      });
      return;
    case 'multiText':
      child(parent, tag, {
        ...common,
        valueName: el.valueName,
        required: bool(el.required),
        maxLength: num(el.maxLength),
        maxStrings: num(el.maxStrings),
        soft: bool(el.soft),
      });
      return;
    case 'enum': {
      const n = child(parent, tag, { ...common, valueName: el.valueName, required: bool(el.required) });
      for (const item of el.items) {
        const i = child(n, 'item', { displayName: `$(string.${item.displayName})` });
        writeValue(i, 'value', item.value);
        writeValueList(i, 'valueList', item.valueList);
      }
      return;
    }
    case 'list':
      child(parent, tag, {
        ...common,
        valuePrefix: el.valuePrefix,
        additive: bool(el.additive),
        expandable: bool(el.expandable),
        explicitValue: bool(el.explicitValue),
      });
      return;
  }
}
