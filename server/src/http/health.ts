// Liveness and readiness for load balancers and the Azure health probe.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export default async function health(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const { dbs } = app.services;
    const check = async (name: 'recovery' | 'compliance') => {
      try {
        await sql`select 1 as ok`.execute(dbs[name]);
        return 'ok';
      } catch (err) {
        request.log.warn({ err, database: name }, 'database not reachable');
        return 'unreachable';
      }
    };
    const databases = { recovery: await check('recovery'), compliance: await check('compliance') };
    const ready = databases.recovery === 'ok' && databases.compliance === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', databases });
  });
}
