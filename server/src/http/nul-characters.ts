// No field of ours means U+0000, and PostgreSQL cannot store it in text (SQLite and SQL Server
// can): a request carrying it in its body, query or path is refused here, alike on every dialect,
// before anything reads or writes it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserError, truncateForMessage } from '../errors';
import { findUnusableText, nulProblem } from '../shared/unusable-text';

function check(part: 'body' | 'querystring' | 'params', value: unknown): void {
  const found = findUnusableText(value, nulProblem)?.path;
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
