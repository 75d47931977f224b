// A strict, namespace-aware XML reader (saxes: rejects anything not well-formed, with line and column)
// that yields a small element tree. Used by the importer and by the cross-checks of generated files.
import { SaxesParser } from 'saxes';
import { LONE_SURROGATE } from './characters';

export interface XmlElement {
  /** Local name (no prefix). */
  readonly name: string;
  readonly ns: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Concatenated text and CDATA directly inside this element. */
  text: string;
  /** True if the element has child elements and whitespace-only text between them (pretty-printed). */
  interElementWhitespace: boolean;
  readonly line: number;
}

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

/**
 * How deep elements may nest. An ADMX needs 10 levels (policyDefinitions › policies › policy › elements ›
 * enum › item › valueList › item › value › decimal); the limit is far above that and stops a hostile file:
 * saxes resolves namespaces by walking the open tags, so N nested elements cost N² (100 000 took minutes).
 */
export const MAX_DEPTH = 64;

export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  const at = (): string => `${parser.line}:${parser.column}`;
  parser.on('opentagstart', (tag) => {
    // Thrown, not just recorded: it must stop the parse before the next level costs more.
    if (stack.length >= MAX_DEPTH)
      throw new Error(
        `${at()}: <${tag.name}> is nested more than ${MAX_DEPTH} elements deep (an ADMX or ADML needs about 10)`,
      );
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      // A prefixed attribute (`xsi:type`, `x:key`) keeps its prefix: under its local name alone it would
      // stand in for, or be overwritten by, the plain attribute of the same name.
      attrs[a.prefix ? a.name : a.local] = a.value;
    }
    const el: XmlElement = {
      name: tag.local ?? tag.name,
      ns: tag.uri ?? '',
      attrs,
      children: [],
      text: '',
      interElementWhitespace: false,
      line: parser.line,
    };
    stack.at(-1)?.children.push(el);
    if (!root) root = el;
    stack.push(el);
  });
  const onText = (t: string): void => {
    const top = stack.at(-1);
    if (!top) return;
    top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el && el.children.length > 0 && el.text !== '' && el.text.trim() === '')
      el.interElementWhitespace = true;
  });
  parser.on('doctype', () => {
    error ??= new Error(`${at()}: a DOCTYPE is not allowed (the Group Policy editor refuses DTDs)`);
  });
  const text = source.replace(/^\uFEFF/, '');
  // saxes pairs a high surrogate with whatever follows it, so a lone one would silently eat the next
  // character (or the `<` of the next tag): refuse it, with its position.
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const before = text.slice(0, lone.index).split('\n');
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    throw new XmlSyntaxError(
      `${before.length}:${(before.at(-1) ?? '').length}: a lone UTF-16 surrogate (U+${code}) is not a character: the file is damaged or not in the encoding it was read as`,
    );
  }
  try {
    parser.write(text).close();
  } catch (e) {
    error ??= e as Error;
  }
  if (error) throw new XmlSyntaxError(error.message, { cause: error });
  if (!root) throw new XmlSyntaxError('the document has no root element');
  return root;
}

/** Direct children with a given local name. */
export const kids = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c) => c.name === name);
export const kid = (el: XmlElement, name: string): XmlElement | undefined =>
  el.children.find((c) => c.name === name);
