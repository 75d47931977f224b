// A strict, namespace-aware XML reader (saxes: rejects anything not well-formed, with line and column)
// that yields a small element tree. Used by the importer and by the cross-checks of generated files.
import { SaxesParser } from 'saxes';

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

export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.local] = a.value;
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
    error ??= new Error('a DOCTYPE is not allowed (the Group Policy editor refuses DTDs)');
  });
  try {
    parser.write(source.replace(/^\uFEFF/, '')).close();
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
