// JSON bodies are parsed here (not by Fastify's default parser) so the exact text is kept for the
// device proof's body hash, and malformed JSON gets our error shape.
import type { FastifyInstance } from 'fastify';
import { UserError } from '../errors';

export function registerJsonBody(app: FastifyInstance): void {
  app.decorateRequest('rawBody', undefined);
  // Only JSON (and, registered by the portals, HTML forms) is accepted: anything else is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    // An empty body is "no body": routes with a body schema then answer "body must be object".
    if (text.length === 0) {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (cause) {
      done(
        new UserError(
          'invalid_json',
          `The request body is not valid JSON (${(cause as Error).message}); expected a JSON object such as {"volumeId": "{…}"}.`,
          { cause },
        ),
        undefined,
      );
    }
  });
}
