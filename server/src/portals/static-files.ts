// The portals' static assets (one stylesheet, one script): read once at start from ./static and
// served by name from memory. Only files that exist there can be asked for: no path ever reaches the
// file system from a request.
import { readFileSync, readdirSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

export default async function staticFiles(app: FastifyInstance): Promise<void> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(STATIC_DIR)) {
    const type = TYPES[extname(name)];
    if (type && /^[a-z0-9][a-z0-9.-]*$/.test(name))
      files.set(name, { body: readFileSync(STATIC_DIR + name), type });
  }
  app.get<{ Params: { file: string } }>(
    '/static/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const file = files.get(request.params.file);
      if (!file) return reply.callNotFound();
      return reply
        .header('content-type', file.type)
        .header('cache-control', 'public, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    },
  );
}
