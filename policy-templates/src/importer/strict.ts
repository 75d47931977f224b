// Strict readers over the parsed XML: every element and attribute we meet must be one we support, so an
// import never silently drops part of a template. Errors name the file, the element and its line.
import { ImportError } from '../errors';
import type { XmlElement } from '../xml/parse';
import { POLICY_NS } from '../xml/tree';

export class Reader {
  constructor(readonly file: string) {}

  fail(el: XmlElement | undefined, what: string, expected?: string): never {
    throw new ImportError(`${what}${el ? ` (<${el.name}> at line ${el.line})` : ''}`, {
      file: this.file,
      rule: 'admx-support',
      expected,
    });
  }

  /**
   * Checks the root element's name and namespace: Group Policy's own, or none at all (some of Windows'
   * own files, EventForwarding.adml among them, declare none). Its children must then share it.
   */
  root(el: XmlElement, name: string, kind: string): void {
    if (el.name !== name) this.fail(el, `the root element is <${el.name}>, not <${name}>`, kind);
    if (el.ns !== '' && el.ns !== POLICY_NS)
      this.fail(
        el,
        `<${name}> is in the namespace ${JSON.stringify(truncate(el.ns))}`,
        `xmlns="${POLICY_NS}", or none`,
      );
  }

  /** Checks the element's attributes against `allowed` and returns them. */
  attrs(
    el: XmlElement,
    allowed: readonly string[],
    required: readonly string[] = [],
  ): Record<string, string | undefined> {
    for (const name of Object.keys(el.attrs))
      if (!allowed.includes(name))
        this.fail(
          el,
          `attribute '${name}' on <${el.name}> is not supported`,
          `only: ${allowed.join(', ') || '(none)'}`,
        );
    for (const name of required)
      if (el.attrs[name] === undefined) this.fail(el, `<${el.name}> lacks its required attribute '${name}'`);
    return el.attrs;
  }

  /**
   * Checks the element's children against `allowed` (in any order) and returns them. Names in `once` may
   * occur at most once (a second `<policies>` or `<label>` would otherwise be silently dropped). An element
   * that holds elements holds no text: nothing in an ADMX or ADML mixes the two.
   */
  children(el: XmlElement, allowed: readonly string[], once: readonly string[] = []): XmlElement[] {
    for (const c of el.children) {
      if (!allowed.includes(c.name))
        this.fail(
          c,
          `element <${c.name}> inside <${el.name}> is not supported`,
          `only: ${allowed.join(', ') || '(none)'}`,
        );
      // <x:policy xmlns:x="urn:other"> is another vocabulary's element that happens to share a name.
      if (c.ns !== el.ns)
        this.fail(
          c,
          `<${c.name}> inside <${el.name}> is in ${c.ns ? `the namespace ${JSON.stringify(truncate(c.ns))}` : 'no namespace'}, not its parent's`,
          'every element in the namespace of the root element',
        );
    }
    if (allowed.length > 0) this.noText(el, `only elements: ${allowed.join(', ')}`);
    for (const name of once) {
      const second = el.children.filter((c) => c.name === name)[1];
      if (second) this.fail(second, `<${name}> occurs twice inside <${el.name}>`, `at most one <${name}>`);
    }
    return el.children;
  }

  /** Refuses text inside an element that holds none (it would be lost). */
  noText(el: XmlElement, expected: string): void {
    if (/[^ \t\r\n]/.test(el.text))
      this.fail(
        el,
        `text ${JSON.stringify(truncate(el.text.trim()))} inside <${el.name}> is not supported`,
        expected,
      );
  }

  /** An element that holds text only, with no attributes: returns the text. */
  text(el: XmlElement): string {
    this.attrs(el, []);
    this.children(el, []);
    return el.text;
  }

  /** An element that holds nothing: no children, no text. */
  empty(el: XmlElement): void {
    this.children(el, []);
    this.noText(el, `an empty <${el.name}/>`);
  }

  stringRef(el: XmlElement, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const m = /^\$\(string\.([A-Za-z0-9_]+)\)$/.exec(value);
    if (!m?.[1])
      this.fail(
        el,
        `'${value}' is not a $(string.Id) reference with an id of [A-Za-z0-9_]`,
        '$(string.MyPolicy)',
      );
    return m[1];
  }

  bool(el: XmlElement, name: string): boolean | undefined {
    const v = el.attrs[name];
    if (v === undefined) return undefined;
    return xsBoolean(v) ?? this.fail(el, `attribute ${name}="${v}" is not true or false`);
  }

  uint(el: XmlElement, name: string): number | undefined {
    const v = el.attrs[name];
    if (v === undefined) return undefined;
    return xsUnsignedInt(v) ?? this.fail(el, `attribute ${name}="${v}" is not a 32-bit unsigned number`);
  }

  ulong(el: XmlElement, name: string): bigint | undefined {
    const v = el.attrs[name];
    if (v === undefined) return undefined;
    if (!/^[0-9]+$/.test(v)) this.fail(el, `attribute ${name}="${v}" is not an unsigned number`);
    return BigInt(v);
  }
}

const truncate = (t: string): string => (t.length > 40 ? `${t.slice(0, 39)}…` : t);

/** An xs:boolean value (true, false, 1 or 0); undefined for anything else. */
export function xsBoolean(v: string): boolean | undefined {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** An xs:unsignedInt value (digits only, at most 4294967295); undefined for anything else. */
export function xsUnsignedInt(v: string): number | undefined {
  return /^[0-9]+$/.test(v) && Number(v) <= 0xffffffff ? Number(v) : undefined;
}

/** Drops keys whose value is undefined, so emitted objects stay minimal. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
