// Helpers shared by the XML mutation ops (xml-mutations.ts, xml-mutations-text.ts).
import type { Rng } from './fuzz';
import { lineAt, spans, type Span } from './xml-scan';

export interface Mutated {
  readonly text: string;
  readonly what: string;
  /** Why the result must be refused, when it must. */
  readonly mustRefuse?: string;
}

export type Op = (rng: Rng, xml: string) => Mutated | undefined;

export const where = (xml: string, s: Span): string => `<${s.name}> at line ${lineAt(xml, s.start)}`;
export const closeLength = (_xml: string, s: Span): number => s.end - s.closeStart;
export const isLeaf = (_xml: string, s: Span): boolean => s.leaf && s.end > s.openEnd;
export const pickSpan = (
  rng: Rng,
  xml: string,
  filter: (s: Span) => boolean = () => true,
): Span | undefined => {
  const all = spans(xml).filter(filter);
  return all.length ? rng.pick(all) : undefined;
};
export const root = (xml: string): Span | undefined => spans(xml)[0];

/** Offset of some text content (between `>` and `<`), or undefined. */
export function textOffset(rng: Rng, xml: string): number | undefined {
  const leaves = spans(xml).filter((s) => isLeaf(xml, s));
  if (!leaves.length) return undefined;
  const s = rng.pick(leaves);
  const len = s.end - closeLength(xml, s) - s.openEnd;
  return s.openEnd + rng.int(len + 1);
}
