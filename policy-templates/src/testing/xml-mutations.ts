// Text-level mutations of one XML document (an ADMX or an ADML) for the importer's fuzz test. Each op
// edits the text the way a hand-edited or damaged template would differ, and says what it did. An op
// sets `mustRefuse` when no correct reader may accept the result (a DTD, a forbidden character, …).
import { show, type Rng } from './fuzz';
import { closeLength, isLeaf, pickSpan, root, where, type Mutated, type Op } from './xml-ops';
import { attrsOf, lineAt, splice, spans } from './xml-scan';
import { KNOWN_ATTRIBUTES, KNOWN_ELEMENTS, SINGLETONS, WEIRD_VALUES } from './xml-vocabulary';
import {
  declarationOp,
  deepNesting,
  doctypeOp,
  hugeText,
  insertCharacter,
  lineEndings,
  markupOp,
} from './xml-mutations-text';

export type { Mutated } from './xml-ops';

const deleteElement: Op = (rng, xml) => {
  const s = pickSpan(rng, xml);
  return s && { text: splice(xml, s.start, s.end, ''), what: `delete ${where(xml, s)}` };
};

const duplicateElement: Op = (rng, xml) => {
  const s = pickSpan(rng, xml, (x) => x.start > 0);
  return (
    s && {
      text: splice(xml, s.end, s.end, xml.slice(s.start, s.end)),
      what: `duplicate ${where(xml, s)}`,
      mustRefuse: SINGLETONS.has(s.name)
        ? `<${s.name}> may occur once: one copy would be dropped`
        : undefined,
    }
  );
};

/** Text between child elements, where the schema has none: a reader that skips it loses it. */
const strayText: Op = (rng, xml) => {
  const s = pickSpan(rng, xml, (x) => !x.leaf);
  return (
    s && {
      text: splice(xml, s.openEnd, s.openEnd, 'stray text'),
      what: `insert text into ${where(xml, s)}`,
      mustRefuse: `<${s.name}> holds elements, not text`,
    }
  );
};

const swapElements: Op = (rng, xml) => {
  const all = spans(xml);
  const a = all.length ? rng.pick(all) : undefined;
  const others = all.filter((b) => a && (b.end <= a.start || b.start >= a.end));
  if (!a || !others.length) return undefined;
  const b = rng.pick(others);
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  const text =
    xml.slice(0, first.start) +
    xml.slice(second.start, second.end) +
    xml.slice(first.end, second.start) +
    xml.slice(first.start, first.end) +
    xml.slice(second.end);
  return { text, what: `swap ${where(xml, first)} with ${where(xml, second)}` };
};

const moveElement: Op = (rng, xml) => {
  const a = pickSpan(rng, xml, (s) => s.start > 0);
  if (!a) return undefined;
  const without = splice(xml, a.start, a.end, '');
  const b = pickSpan(rng, without, (s) => s.end > s.openEnd);
  if (!b) return undefined;
  const textual = b.leaf && without.slice(b.openEnd, b.closeStart).trim() !== '';
  return {
    text: splice(without, b.openEnd, b.openEnd, xml.slice(a.start, a.end)),
    what: `move ${where(xml, a)} into ${where(without, b)}`,
    mustRefuse: textual ? `<${b.name}> holds text, not elements` : undefined,
  };
};

const renameElement: Op = (rng, xml) => {
  const s = pickSpan(rng, xml);
  if (!s) return undefined;
  const to = rng.pick(KNOWN_ELEMENTS);
  const close = closeLength(xml, s);
  let text = xml;
  if (close) text = splice(text, s.end - close, s.end, `</${to}>`);
  text = splice(text, s.start + 1, s.start + 1 + s.name.length, to);
  return { text, what: `rename ${where(xml, s)} to <${to}>` };
};

const truncate: Op = (rng, xml) => {
  const at = rng.int(xml.length);
  return { text: xml.slice(0, at), what: `truncate at offset ${at} (line ${lineAt(xml, at)})` };
};

const removeAttribute: Op = (rng, xml) => {
  const s = pickSpan(rng, xml, (x) => attrsOf(xml, x).length > 0);
  if (!s) return undefined;
  const a = rng.pick(attrsOf(xml, s));
  return { text: splice(xml, a.start, a.end, ''), what: `remove ${a.name}= from ${where(xml, s)}` };
};

const setAttribute: Op = (rng, xml) => {
  const s = pickSpan(rng, xml, (x) => attrsOf(xml, x).some((a) => !a.name.startsWith('xmlns')));
  if (!s) return undefined;
  const a = rng.pick(attrsOf(xml, s).filter((x) => !x.name.startsWith('xmlns')));
  const v = rng.pick(WEIRD_VALUES);
  return {
    text: splice(xml, a.valueStart, a.valueEnd, v),
    what: `set ${a.name}=${show(a.value, 30)} on ${where(xml, s)} to ${show(v)}`,
  };
};

/** A value of the right shape but the wrong content: another element's value of the same attribute
 * (duplicate names, crossed references), or a number/boolean that is valid alone (min > max, …). */
const setPlausibleAttribute: Op = (rng, xml) => {
  const all = spans(xml).flatMap((s) => attrsOf(xml, s).map((a) => ({ s, a })));
  const mine = all.filter(({ a }) => !a.name.startsWith('xmlns'));
  if (!mine.length) return undefined;
  const { s, a } = rng.pick(mine);
  const same = all.filter((x) => x.a.name === a.name && x.a.value !== a.value).map((x) => x.a.value);
  const v = /^[0-9]+$/.test(a.value)
    ? rng.pick(['0', '1', '2', '5', '9999', '10000', '65535', '4294967295', String(Number(a.value) + 1)])
    : /^(true|false)$/.test(a.value)
      ? rng.pick(['true', 'false', '1', '0'])
      : same.length
        ? rng.pick(same)
        : `${a.value}2`;
  return {
    text: splice(xml, a.valueStart, a.valueEnd, v),
    what: `set ${a.name}=${show(a.value, 30)} on ${where(xml, s)} to ${show(v)}`,
  };
};

const addAttribute: Op = (rng, xml) => {
  const s = pickSpan(rng, xml);
  if (!s) return undefined;
  const name = rng.pick(KNOWN_ATTRIBUTES);
  const v = rng.chance(0.5) ? rng.pick(WEIRD_VALUES) : rng.pick(['1', 'true', 'x', 'Software\\Fuzz']);
  const dup = attrsOf(xml, s).some((a) => a.name === name);
  const at = s.start + 1 + s.name.length;
  return {
    text: splice(xml, at, at, ` ${name}="${v}"`),
    what: `add ${name}=${show(v)} to ${where(xml, s)}`,
    mustRefuse: dup
      ? `attribute '${name}' given twice`
      : name === 'fuzz'
        ? 'no ADMX/ADML element has a fuzz attribute'
        : undefined,
  };
};

/** An attribute in another namespace whose local name is one the element already has. */
const addForeignAttribute: Op = (rng, xml) => {
  const s = pickSpan(rng, xml, (x) => attrsOf(xml, x).some((a) => !a.name.includes(':')));
  if (!s) return undefined;
  const a = rng.pick(attrsOf(xml, s).filter((x) => !x.name.includes(':')));
  const at = s.start + 1 + s.name.length;
  const [prefix, decl] = rng.chance(0.5)
    ? ['fz', ' xmlns:fz="urn:fuzz"']
    : ['xsi', s.start === 0 ? '' : ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'];
  return {
    text: splice(xml, at, at, `${decl} ${prefix}:${a.name}="Fuzz"`),
    what: `add ${prefix}:${a.name}="Fuzz" to ${where(xml, s)}`,
    mustRefuse: `${prefix}:${a.name} is not an ADMX attribute (it must not stand in for ${a.name})`,
  };
};

const setText: Op = (rng, xml) => {
  const s = pickSpan(rng, xml, (x) => isLeaf(xml, x));
  if (!s) return undefined;
  const v = rng.chance(0.7)
    ? rng.pick(WEIRD_VALUES)
    : ` ${xml.slice(s.openEnd, s.end - closeLength(xml, s))} `;
  return {
    text: splice(xml, s.openEnd, s.end - closeLength(xml, s), v.replace(/&(?!amp;|lt;|#)/g, '&amp;')),
    what: `set the text of ${where(xml, s)} to ${show(v)}`,
  };
};

/** Renames one reference or id (`$(string.X)`, `$(presentation.X)`, refId, id, ref) at one place only. */
export const breakReference: Op = (rng, xml) => {
  const refs = [...xml.matchAll(/\$\((?:string|presentation)\.([^)]*)\)|\b(?:refId|id|ref)="([^"]*)"/g)];
  if (!refs.length) return undefined;
  const m = rng.pick(refs);
  const id = m[1] ?? m[2] ?? '';
  const start = m.index + m[0].lastIndexOf(id);
  const to = rng.pick([`${id}X`, '', id.toLowerCase(), `${id}-1`, `${id} `, `x:${id}`]);
  return {
    text: splice(xml, start, start + id.length, to),
    what: `change reference ${show(id, 40)} at line ${lineAt(xml, m.index)} to ${show(to, 40)}`,
  };
};

const namespaceOp: Op = (rng, xml) => {
  const r = root(xml);
  if (!r) return undefined;
  const decl = attrsOf(xml, r).find((a) => a.name === 'xmlns');
  switch (rng.int(5)) {
    case 0:
      return decl
        ? { text: splice(xml, decl.start, decl.end, ''), what: 'remove the root xmlns' }
        : undefined;
    case 1: {
      const to = rng.pick(['', 'urn:fuzz', `${decl?.value ?? ''}/2`, 'http://www.w3.org/1999/xhtml']);
      return decl
        ? { text: splice(xml, decl.valueStart, decl.valueEnd, to), what: `set the root xmlns to ${show(to)}` }
        : undefined;
    }
    case 2: {
      // The same documents with a prefix on every element: a harmless change for a namespace-aware reader.
      const text = xml
        .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, '<$1p:$2')
        .replace(/\sxmlns="/, ' xmlns:p="');
      return { text, what: 'put every element in a p: prefix bound to the root namespace' };
    }
    case 3: {
      const s = pickSpan(rng, xml, (x) => x.start > 0);
      if (!s) return undefined;
      const close = closeLength(xml, s);
      let text = xml;
      if (close) text = splice(text, s.end - close + 2, s.end - close + 2, 'u:');
      text = splice(text, s.start + 1, s.start + 1, 'u:');
      return { text, what: `unbound prefix u: on ${where(xml, s)}`, mustRefuse: 'prefix u is not bound' };
    }
    default: {
      const at = r.start + 1 + r.name.length;
      return {
        text: splice(
          xml,
          at,
          at,
          ' xmlns:extra="urn:fuzz:extra" xmlns:xs="http://www.w3.org/2001/XMLSchema"',
        ),
        what: 'declare two unused namespaces on the root',
      };
    }
  }
};

/** The text-level ops with their weights. `secretFile` is what an external entity would try to read. */
export function xmlOps(secretFile: string): readonly (readonly [Op, number])[] {
  return [
    [deleteElement, 8],
    [duplicateElement, 6],
    [swapElements, 4],
    [moveElement, 4],
    [renameElement, 4],
    [truncate, 4],
    [removeAttribute, 8],
    [setAttribute, 8],
    [setPlausibleAttribute, 10],
    [addAttribute, 6],
    [addForeignAttribute, 2],
    [strayText, 3],
    [setText, 6],
    [breakReference, 8],
    [namespaceOp, 4],
    [doctypeOp(secretFile), 3],
    [insertCharacter, 4],
    [deepNesting, 2],
    [hugeText, 1],
    [lineEndings, 1],
    [declarationOp, 2],
    [markupOp, 3],
  ];
}

/** Applies one weighted op (retrying when an op finds nothing to change). */
export function mutateXml(rng: Rng, xml: string, ops: readonly (readonly [Op, number])[]): Mutated {
  const total = ops.reduce((n, [, w]) => n + w, 0);
  for (let attempt = 0; attempt < 20; attempt++) {
    let r = rng.next() * total;
    const op = ops.find(([, w]) => (r -= w) < 0)?.[0] ?? (ops[0] as readonly [Op, number])[0];
    const m = op(rng, xml);
    if (m) return m;
  }
  return { text: xml, what: 'unchanged' };
}
