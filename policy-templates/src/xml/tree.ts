// XML is built as a tree (xmlbuilder2) and serialised once: escaping and well-formedness are automatic.
// Output is UTF-8 with LF line endings and a final newline, so the same input gives the same bytes.
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

export type Node = XMLBuilder;

/** The namespace of both ADMX and ADML roots (admx-format.md §2). */
export const POLICY_NS = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';

export function newDocument(root: string, attributes: Record<string, string>): Node {
  return create({ version: '1.0', encoding: 'utf-8' }).ele(POLICY_NS, root, attributes);
}

/** Adds a child in the policy namespace; attributes whose value is undefined are left out. */
export function child(
  parent: Node,
  name: string,
  attributes: Record<string, string | undefined> = {},
  text?: string,
): Node {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) attrs[k] = v;
  const node = parent.ele(POLICY_NS, name, attrs);
  if (text !== undefined && text !== '') node.txt(text);
  return node;
}

/**
 * Serialises a document. `pretty` indents elements (ADMX); ADML is written without any whitespace between
 * tags, because the Group Policy editor takes whitespace around text literally (admx-format.md §7).
 */
export function serialize(root: Node, pretty: boolean): string {
  const body = root.end(pretty ? { prettyPrint: true, indent: '  ', newline: '\n' } : { prettyPrint: false });
  return `${body.replace(/\r\n?/g, '\n')}\n`;
}

export const bool = (v: boolean | undefined): string | undefined => (v === undefined ? undefined : String(v));
export const num = (v: number | bigint | undefined): string | undefined =>
  v === undefined ? undefined : v.toString();
