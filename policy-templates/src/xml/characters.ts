// The characters an ADMX or ADML file cannot carry, shared by the reader (which refuses them in a file)
// and the definitions check (which refuses them before they are written into one).

/** A UTF-16 surrogate without its pair: not a character at all. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What XML 1.0 cannot carry, even escaped: C0 controls other than TAB, LF, CR; U+FFFE/U+FFFF; lone surrogates. */
export const NOT_XML_CHARACTER = new RegExp(
  `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|${LONE_SURROGATE.source}`,
);
