// A tolerant scanner for the fuzz tests' XML edits: where each element starts and ends, and where each
// attribute's value is. It never fails, even on text an earlier mutation broke, and it is linear in the
// size of the text (the fuzz nests elements 100 000 deep).

/** One element of an XML text, found by a tolerant tag scanner (it never fails, even on broken text). */
export interface Span {
  readonly name: string;
  /** Offset of `<`. */
  readonly start: number;
  /** Offset just after the start tag's `>`. */
  readonly openEnd: number;
  /** Offset just after the end tag (= openEnd for `<x/>`). */
  readonly end: number;
  /** Offset of the end tag's `</` (= end for `<x/>`). */
  readonly closeStart: number;
  /** True when the element holds no other element (text only, or empty). */
  readonly leaf: boolean;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=<>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** Elements in document order (linear in the text size, so 100 000 nested elements stay fast). */
export function spans(xml: string): Span[] {
  const out: Omit<Span, 'leaf'>[] = [];
  const open: { name: string; start: number; openEnd: number }[] = [];
  const byName = new Map<string, number[]>();
  for (const m of xml.matchAll(TAG)) {
    const [all, close, name = '', , self] = m;
    const start = m.index;
    const after = start + all.length;
    if (self) out.push({ name, start, openEnd: after, end: after, closeStart: after });
    else if (!close) {
      const positions = byName.get(name) ?? [];
      positions.push(open.length);
      byName.set(name, positions);
      open.push({ name, start, openEnd: after });
    } else {
      const positions = byName.get(name) ?? [];
      let i = positions.pop();
      while (i !== undefined && open[i]?.name !== name) i = positions.pop();
      if (i === undefined) continue;
      const o = open[i] as { name: string; start: number; openEnd: number };
      for (const dropped of open.splice(i)) if (dropped !== o) byName.get(dropped.name)?.pop();
      out.push({ ...o, end: after, closeStart: start });
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out.map((s, i) => ({ ...s, leaf: (out[i + 1]?.start ?? Infinity) >= s.end }));
}

export interface Attr {
  readonly name: string;
  readonly value: string;
  /** Offsets of the whole ` name="value"` text. */
  readonly start: number;
  readonly end: number;
  /** Offsets of the value without its quotes. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export function attrsOf(xml: string, s: Span): Attr[] {
  const re = /\s([^\s=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const tag = xml.slice(s.start, s.openEnd);
  return [...tag.matchAll(re)].map((m) => {
    const value = m[2] ?? m[3] ?? '';
    const start = s.start + m.index;
    const end = start + m[0].length;
    return { name: m[1] ?? '', value, start, end, valueStart: end - 1 - value.length, valueEnd: end - 1 };
  });
}

export const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

export const splice = (text: string, start: number, end: number, insert: string): string =>
  `${text.slice(0, start)}${insert}${text.slice(end)}`;
