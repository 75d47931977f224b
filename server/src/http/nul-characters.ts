// No field of ours means U+0000, and PostgreSQL cannot store it in text (SQLite and SQL Server
// can): a request carrying it in its body, query or path is refused here, alike on every dialect,
// before anything reads or writes it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserError } from '../errors';

/** The JSON path (`/machine/domain`) of the first string or field name that holds U+0000. */
export function findNulCharacter(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const where = `${path}/${key}`;
    if (key.includes('\u0000')) return where;
    const found = findNulCharacter(item, where);
    if (found) return found;
  }
  return undefined;
}

function check(part: 'body' | 'querystring' | 'params', value: unknown): void {
  const field = findNulCharacter(value);
  if (field) {
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
