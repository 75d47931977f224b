// Limits the Group Policy editor and the ADMX schema enforce (admx-format.md §6–§7).
export const ID_PATTERN = /^[A-Za-z0-9_]+$/;
export const VERSION_PATTERN = /^[0-9]{1,4}\.[0-9]{1,5}$/;
export const LOCALE_PATTERN = /^[a-z]{2,3}-[A-Z]{2}$/;
export const MAX_U32 = 0xffffffff;
export const MAX_U64 = 0xffffffffffffffffn;
/** `<string>` in enabledValue/disabledValue/trueValue/… */
export const MAX_STRING_VALUE = 255;
/** Registry value name (MS-GPREG §2.2.1). */
export const MAX_VALUE_NAME = 259;
/** One registry key path (each component ≤ 255 in Windows; the whole path kept ≤ 255 here). */
export const MAX_KEY = 255;
/** Default `maxLength` of text / multiText. */
export const DEFAULT_TEXT_MAX = 1023;
/** Registry value data (MS-GPREG §2.2.1): characters of UTF-16 data incl. terminator ≤ 65535 bytes. */
export const MAX_TEXT_LENGTH = 32766;
/** `maxValue` of a decimal / longDecimal element that sets none (the ADMX schema default). */
export const DECIMAL_DEFAULT_MAX = 9999;
