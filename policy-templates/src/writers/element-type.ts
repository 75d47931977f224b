// THE shared type mapping (style.md §5): the ADMX writer, the ADML writer, the importer, the validator
// and the Registry.pol writer all ask this one table what an element kind becomes. An unknown kind throws.
import { InternalError } from '../errors';
import type { ControlKind, ElementKind, PolicyElement } from '../definitions/vocabulary';
import { RegType } from '../registry/types';

export interface ElementTypeInfo {
  /** The ADMX element name inside `<elements>`. */
  readonly admxTag: string;
  /** ADML controls that may present this element (admx-format.md §8.3). */
  readonly controls: readonly ControlKind[];
}

const TABLE: Readonly<Record<ElementKind, ElementTypeInfo>> = {
  boolean: { admxTag: 'boolean', controls: ['checkBox'] },
  decimal: { admxTag: 'decimal', controls: ['decimalTextBox', 'textBox'] },
  longDecimal: { admxTag: 'longDecimal', controls: ['longDecimalTextBox'] },
  text: { admxTag: 'text', controls: ['textBox', 'comboBox'] },
  multiText: { admxTag: 'multiText', controls: ['multiTextBox'] },
  enum: { admxTag: 'enum', controls: ['dropdownList'] },
  list: { admxTag: 'list', controls: ['listBox'] },
};

export function elementType(kind: string): ElementTypeInfo {
  const info = (TABLE as Record<string, ElementTypeInfo | undefined>)[kind];
  if (!info)
    throw new InternalError(`unknown element kind '${kind}' (known: ${Object.keys(TABLE).join(', ')})`);
  return info;
}

/** The element kind an ADMX tag stands for, or undefined when we do not support the tag. */
export function kindOfAdmxTag(tag: string): ElementKind | undefined {
  return (Object.keys(TABLE) as ElementKind[]).find((k) => TABLE[k].admxTag === tag);
}

/** The registry type an element writes for its own data (lists: per row; enum/boolean: see their values). */
export function dataRegType(el: PolicyElement): RegType {
  switch (el.kind) {
    case 'decimal':
      return el.storeAsText ? RegType.SZ : RegType.DWORD;
    case 'longDecimal':
      return el.storeAsText ? RegType.SZ : RegType.QWORD;
    case 'text':
      return el.expandable ? RegType.EXPAND_SZ : RegType.SZ;
    case 'multiText':
      return RegType.MULTI_SZ;
    case 'list':
      return el.expandable ? RegType.EXPAND_SZ : RegType.SZ;
    case 'boolean':
    case 'enum':
      return RegType.DWORD;
  }
}
