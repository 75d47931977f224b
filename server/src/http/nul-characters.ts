// No field of ours means U+0000, and PostgreSQL cannot store it in text (SQLite and SQL Server
// can): a request carrying it in its body, query or path is refused here, alike on every dialect,
// before anything reads or writes it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserError, truncateForMessage } from '../errors';

/**
 * The JSON path (`/machine/domain`) of the first string or field name that holds U+0000. Walked with
 * a list rather than recursion: a 64 KiB body can nest thousands of arrays deep.
 */
export function findNulCharacter(value: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return path || '/';
    } else if (typeof item === 'object' && item !== null) {
      // pushed last to first, so the first field is looked at first
      for (const [key, child] of Object.entries(item).reverse()) {
        const where = `${path}/${key.replaceAll('\u0000', '\\u0000')}`;
        if (key.includes('\u0000')) return where;
        pending.push([child, where]);
      }
    }
  }
  return undefined;
}

function check(part: 'body' | 'querystring' | 'params', value: unknown): void {
  const found = findNulCharacter(value);
  if (found) {
    // a path through thousands of nested arrays is shortened like any echoed input
    const field = truncateForMessage(found, 120);
    throw new UserError(
      'validation_failed',
      `${part}${field === '/' ? '' : field} contains the character U+0000 (NUL), which no field accepts; send text without it.`,
      { field },
    );
  }
}

export function registerNulCharacterCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // Cheap tests first: agents' JSON bodies and most addresses hold no escaped NUL at all.
    if (request.url.includes('%00')) {
      check('params', request.params);
      check('querystring', request.query);
    }
    if (
      request.body !== undefined &&
      (request.rawBody === undefined || request.rawBody.includes('\\u0000'))
    ) {
      check('body', request.body);
    }
  });
}
