// The typed vocabulary every policy definition is written in. It mirrors the ADMX model (see
// shared/reference/admx-format.md §3–§6) with two deliberate differences:
//  * strings are referenced by id only; their text lives in one file per locale (strings/<locale>.ts);
//  * presentation defaults (checkbox state, default number, default enum item, default text) live on the
//    element as `default`, so the agent and the GPO writer see the same default the editor proposes.
// Everything is read-only: definitions are data.

/** A string id: the key into a locale's string table. `[A-Za-z0-9_]+`. */
export type StringId = string;

/** `Machine` → HKLM (Computer Configuration), `User` → HKCU, `Both` → both. */
export type PolicyClass = 'Machine' | 'User' | 'Both';
export const POLICY_CLASSES: readonly PolicyClass[] = ['Machine', 'User', 'Both'];

/** One registry value as ADMX writes it in enabledValue, trueValue, enum items, value lists. */
export type RegistryValue =
  | { readonly type: 'delete' }
  | { readonly type: 'decimal'; readonly value: number }
  | { readonly type: 'longDecimal'; readonly value: bigint }
  | { readonly type: 'string'; readonly value: string };

export interface ValueListItem {
  /** Overrides the list's `defaultKey` / the policy key. */
  readonly key?: string;
  readonly valueName: string;
  readonly value: RegistryValue;
}

export interface ValueList {
  readonly defaultKey?: string;
  readonly items: readonly ValueListItem[];
}

interface ElementBase {
  /** Unique within its policy; the presentation control's `refId`. */
  readonly id: string;
  /** Overrides the policy key for this element. */
  readonly key?: string;
  readonly valueName?: string;
  readonly clientExtension?: string;
}

export interface BooleanElement extends ElementBase {
  readonly kind: 'boolean';
  readonly trueValue?: RegistryValue;
  readonly falseValue?: RegistryValue;
  readonly trueList?: ValueList;
  readonly falseList?: ValueList;
  /** Checkbox state the editor proposes (ADML `defaultChecked`). */
  readonly default?: boolean;
}

export interface DecimalElement extends ElementBase {
  readonly kind: 'decimal';
  readonly required?: boolean;
  readonly minValue?: number;
  /** ADMX defaults this to 9999: always set it. */
  readonly maxValue?: number;
  readonly storeAsText?: boolean;
  readonly soft?: boolean;
  readonly default?: number;
}

export interface LongDecimalElement extends ElementBase {
  readonly kind: 'longDecimal';
  readonly required?: boolean;
  readonly minValue?: bigint;
  readonly maxValue?: bigint;
  readonly storeAsText?: boolean;
  readonly soft?: boolean;
  readonly default?: bigint;
}

export interface TextElement extends ElementBase {
  readonly kind: 'text';
  readonly required?: boolean;
  /** Default 1023 characters. */
  readonly maxLength?: number;
  /** REG_EXPAND_SZ instead of REG_SZ. */
  readonly expandable?: boolean;
  readonly soft?: boolean;
  readonly default?: string;
}

export interface MultiTextElement extends ElementBase {
  readonly kind: 'multiText';
  readonly required?: boolean;
  readonly maxLength?: number;
  readonly maxStrings?: number;
  readonly soft?: boolean;
}

export interface EnumItem {
  /** String id of the item's caption; also the item's name in settings files. */
  readonly displayName: StringId;
  readonly value: RegistryValue;
  /** Further values written when this item is chosen (how one MBAM choice implies FVE values). */
  readonly valueList?: ValueList;
}

export interface EnumElement extends ElementBase {
  readonly kind: 'enum';
  readonly required?: boolean;
  readonly items: readonly EnumItem[];
  /** The `displayName` of the item the editor proposes. */
  readonly default?: StringId;
}

export interface ListElement {
  readonly kind: 'list';
  readonly id: string;
  readonly key?: string;
  readonly clientExtension?: string;
  readonly valuePrefix?: string;
  readonly additive?: boolean;
  readonly expandable?: boolean;
  readonly explicitValue?: boolean;
}

export type PolicyElement =
  | BooleanElement
  | DecimalElement
  | LongDecimalElement
  | TextElement
  | MultiTextElement
  | EnumElement
  | ListElement;

export type ElementKind = PolicyElement['kind'];
export const ELEMENT_KINDS: readonly ElementKind[] = [
  'boolean',
  'decimal',
  'longDecimal',
  'text',
  'multiText',
  'enum',
  'list',
];

/** Presentation controls; `label` is a string id whose text is written inline in the ADML. */
export type Control =
  | { readonly control: 'text'; readonly label: StringId }
  | { readonly control: 'checkBox'; readonly refId: string; readonly label: StringId }
  | {
      readonly control: 'decimalTextBox' | 'longDecimalTextBox';
      readonly refId: string;
      readonly label: StringId;
      readonly spin?: boolean;
      readonly spinStep?: number;
    }
  | { readonly control: 'textBox'; readonly refId: string; readonly label: StringId }
  | {
      readonly control: 'comboBox';
      readonly refId: string;
      readonly label: StringId;
      readonly suggestions?: readonly StringId[];
      readonly noSort?: boolean;
    }
  | {
      readonly control: 'multiTextBox';
      readonly refId: string;
      readonly label: StringId;
      readonly showAsDialog?: boolean;
      readonly defaultHeight?: number;
    }
  | {
      readonly control: 'dropdownList';
      readonly refId: string;
      readonly label: StringId;
      readonly noSort?: boolean;
    }
  | { readonly control: 'listBox'; readonly refId: string; readonly label: StringId };

export type ControlKind = Control['control'];

export interface Presentation {
  /** `$(presentation.<id>)`; usually the policy name. */
  readonly id: string;
  readonly controls: readonly Control[];
}

export interface PolicyDefinition {
  /** ADMX policy name, `[A-Za-z0-9_]+`, stable once shipped. */
  readonly name: string;
  readonly class: PolicyClass;
  readonly displayName: StringId;
  readonly explainText?: StringId;
  /** Category reference: a category of the template, or `prefix:Name` of a `using` namespace. */
  readonly category: string;
  /** supportedOn reference, own or `prefix:Name`. */
  readonly supportedOn: string;
  /** Registry key without hive. */
  readonly key: string;
  readonly valueName?: string;
  readonly enabledValue?: RegistryValue;
  readonly disabledValue?: RegistryValue;
  readonly enabledList?: ValueList;
  readonly disabledList?: ValueList;
  readonly elements?: readonly PolicyElement[];
  readonly presentation?: Presentation;
  /** Value names this project chose because no public source documents Microsoft's (see README). */
  readonly ownValueNames?: readonly string[];
  /** Policies of other templates that write the same values (e.g. Windows `VolumeEncryption.admx`). */
  readonly counterparts?: readonly string[];
}

export interface Category {
  readonly name: string;
  readonly displayName: StringId;
  readonly explainText?: StringId;
  /** Parent category reference, own or `prefix:Name`. */
  readonly parent?: string;
}

export type SupportedOnMember =
  | {
      readonly kind: 'range';
      readonly ref: string;
      readonly minVersionIndex?: number;
      readonly maxVersionIndex?: number;
    }
  | { readonly kind: 'reference'; readonly ref: string };

export interface SupportedOnDefinition {
  readonly name: string;
  readonly displayName: StringId;
  readonly condition?: { readonly type: 'or' | 'and'; readonly members: readonly SupportedOnMember[] };
}

export interface VersionDefinition {
  readonly name: string;
  readonly displayName: StringId;
  readonly versionIndex: number;
}

export interface MajorVersion extends VersionDefinition {
  readonly minorVersions?: readonly VersionDefinition[];
}

export interface Product {
  readonly name: string;
  readonly displayName: StringId;
  readonly majorVersions?: readonly MajorVersion[];
}

export interface NamespaceDeclaration {
  readonly prefix: string;
  readonly namespace: string;
}

/** One ADMX file and its ADMLs. */
export interface PolicyTemplate {
  /** Base file name: `<fileName>.admx`, `<locale>/<fileName>.adml`. */
  readonly fileName: string;
  /** ADMX `revision` = `minRequiredRevision` = ADML `revision` (bumped together). */
  readonly revision: string;
  readonly target: NamespaceDeclaration;
  readonly using?: readonly NamespaceDeclaration[];
  readonly fallbackCulture?: string;
  /** String ids of the ADML header `displayName` and `description`. */
  readonly resources: { readonly displayName: StringId; readonly description: StringId };
  readonly products?: readonly Product[];
  readonly supportedOn?: readonly SupportedOnDefinition[];
  readonly categories?: readonly Category[];
  readonly policies: readonly PolicyDefinition[];
}

/** One locale's strings: every string id used by the templates → its text. */
export interface LocaleStrings {
  /** `ll-CC`, e.g. `en-US`. */
  readonly locale: string;
  readonly strings: Readonly<Record<StringId, string>>;
}

/** Templates plus their strings: what the generators consume. */
export interface PolicySet {
  readonly templates: readonly PolicyTemplate[];
  /** en-US first; other locales may be partial and fall back to en-US. */
  readonly locales: readonly LocaleStrings[];
}
