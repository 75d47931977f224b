// Character-, prolog- and size-level ops of the fuzz test's XML mutations: DTDs and entities, characters
// XML forbids, deep nesting, huge text, line endings, XML declarations, CDATA and comments.
import { show } from './fuzz';
import { isLeaf, pickSpan, textOffset, where, closeLength, type Op } from './xml-ops';
import { lineAt, splice } from './xml-scan';

/** Where a prolog item goes: after the XML declaration (and any BOM), else at the start. */
function prologEnd(xml: string): number {
  const m = /^\uFEFF?(<\?xml[^>]*\?>)?/.exec(xml);
  return m?.[0].length ?? 0;
}

export const doctypeOp = (secretFile: string): Op => {
  return (rng, xml) => {
    const laughs = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('');
    const [dtd, ref, what] = rng.pick([
      [`<!DOCTYPE r [<!ENTITY lol0 "lol">${laughs}]>`, '&lol9;', 'billion laughs'],
      [`<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`, '&xxe;', 'external entity (file)'],
      [`<!DOCTYPE r [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/xxe">]>`, '&xxe;', 'external entity (http)'],
      [`<!DOCTYPE r SYSTEM "http://127.0.0.1:9/r.dtd">`, '', 'external DTD'],
      [`<!DOCTYPE r [<!ENTITY % p SYSTEM "file://${secretFile}"> %p;]>`, '', 'parameter entity'],
      ['<!DOCTYPE r [<!ENTITY e "expanded">]>', '&e;', 'internal entity'],
      ['', '&xxe;', 'undeclared entity reference'],
    ] as const);
    let text = xml;
    const at = ref ? textOffset(rng, text) : undefined;
    if (at !== undefined) text = splice(text, at, at, ref);
    const p = prologEnd(text);
    if (dtd) text = splice(text, p, p, dtd);
    if (!dtd && at === undefined) return undefined;
    return {
      text,
      what: `${what}: ${show(dtd, 80)}${ref ? ` and ${ref} in a text` : ''}`,
      mustRefuse: 'a DTD or an entity reference must be refused, never expanded or fetched',
    };
  };
};

export const insertCharacter: Op = (rng, xml) => {
  const [c, refuse] = rng.pick([
    ['\u0000', 'NUL is not an XML character'],
    ['\u0001', 'U+0001 is not an XML 1.0 character'],
    ['\uFFFE', 'U+FFFE is not an XML character'],
    ['\uD800', 'a lone surrogate is not a character'],
    ['\uDC00x', 'a lone surrogate is not a character'],
    ['\uFEFF', undefined],
    ['&', undefined],
    ['<', undefined],
    [']]>', undefined],
    ['&#0;', undefined],
    ['&#xD800;', undefined],
    ['&#x1F600;', undefined],
    ['"', undefined],
    ['\r', undefined],
    ['\t', undefined],
  ] as const);
  const at = rng.chance(0.6) ? (textOffset(rng, xml) ?? rng.int(xml.length)) : rng.int(xml.length);
  return {
    text: splice(xml, at, at, c),
    what: `insert ${show(c)} at offset ${at} (line ${lineAt(xml, at)})`,
    mustRefuse: refuse,
  };
};

export const deepNesting: Op = (rng, xml) => {
  const s = pickSpan(rng, xml, (x) => x.start > 0);
  if (!s) return undefined;
  const depth = rng.pick([64, 1000, 20_000, 100_000]);
  const tag = rng.pick([s.name, 'x', 'elements']);
  const text = `${xml.slice(0, s.start)}${`<${tag}>`.repeat(depth)}${xml.slice(s.start, s.end)}${`</${tag}>`.repeat(depth)}${xml.slice(s.end)}`;
  return { text, what: `wrap ${where(xml, s)} in ${depth} nested <${tag}>` };
};

export const hugeText: Op = (rng, xml) => {
  const at = textOffset(rng, xml);
  if (at === undefined) return undefined;
  const n = rng.pick([70_000, 1_000_000]);
  return {
    text: splice(xml, at, at, 'é'.repeat(n)),
    what: `insert ${n} characters at line ${lineAt(xml, at)}`,
  };
};

export const lineEndings: Op = (rng, xml) => {
  const to = rng.pick(['\n', '\r', '\r\n', '\u2028']);
  return { text: xml.replace(/\r?\n/g, to), what: `line endings to ${show(to)}` };
};

export const declarationOp: Op = (rng, xml) => {
  const body = xml.replace(/^\uFEFF?<\?xml[^>]*\?>/, '');
  const [decl, note] = rng.pick([
    ['<?xml version="1.0" encoding="utf-16"?>', ''],
    ['<?xml version="1.0" encoding="ISO-8859-1"?>', ''],
    ['<?xml version="1.1"?>', ''],
    ['<?xml version="2.0"?>', ''],
    ['<?xml version="1.0" standalone="maybe"?>', ''],
    ['<?xml version="1.0"?><?xml version="1.0"?>', ''],
    [' <?xml version="1.0"?>', ''],
    ['<!-- before --><?xml version="1.0"?>', ''],
    ['<?pi data?>', ''],
    ['', 'drop the declaration'],
  ] as const);
  return { text: `${decl}${body}`, what: note || `XML declaration ${show(decl)}` };
};

export const markupOp: Op = (rng, xml) => {
  const s = pickSpan(rng, xml, (x) => isLeaf(xml, x));
  if (!s) return undefined;
  const inner = xml.slice(s.openEnd, s.end - closeLength(xml, s));
  const [text, what] = rng.pick([
    [`<![CDATA[${inner.replace(/&amp;/g, '&').replace(/&lt;/g, '<')}]]>`, 'wrap the text in CDATA'],
    [`${inner}<!-- a comment -->`, 'add a comment to the text'],
    [`${inner}<!-- bad -- comment -->`, 'add a comment with --'],
    [`<?pi in text?>${inner}`, 'add a processing instruction to the text'],
    [`${inner}<![CDATA[ ]]> ]]>`, 'add ]]> to the text'],
  ] as const);
  return {
    text: splice(xml, s.openEnd, s.end - closeLength(xml, s), text),
    what: `${what} of ${where(xml, s)}`,
  };
};
