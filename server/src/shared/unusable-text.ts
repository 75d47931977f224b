// Text no setting or argument of ours can mean: U+0000, which PostgreSQL cannot store and file paths
// cannot hold, and half of a UTF-16 surrogate pair (JSON can write "\ud800"), which becomes U+FFFD on
// the way to a file name or a database. Refused up front, so neither fails later with a stack trace.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function textProblem(text: string): string | undefined {
  return (
    nulProblem(text) ??
    (LONE_SURROGATE.test(text) ? 'is not well-formed Unicode (it holds half of a surrogate pair)' : undefined)
  );
}

export const nulProblem = (text: string): string | undefined =>
  text.includes('\u0000')
    ? 'contains the character U+0000 (NUL), which no setting or argument accepts'
    : undefined;

/**
 * The JSON path and problem of the first string or field name `problem` refuses. Walked with a list,
 * not recursion: a 64 KiB request body can nest thousands of arrays deep.
 */
export function findUnusableText(
  value: unknown,
  problem: (text: string) => string | undefined = textProblem,
): { path: string; why: string } | undefined {
  const pending: Array<[unknown, string]> = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      const why = problem(item);
      if (why) return { path: path || '/', why };
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, child] of Object.entries(item).reverse()) {
        const where = `${path}/${JSON.stringify(key).slice(1, -1)}`;
        const why = problem(key);
        if (why) return { path: where, why: `has a field name that ${why}` };
        pending.push([child, where]);
      }
    }
  }
  return undefined;
}
