// The baseline: a bare Fastify JSON endpoint (parse the body, answer a small JSON object), run as
// its own process exactly like the real server, so the ratio isolates what OpenMBAM adds.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
app.post('/api/v1/status', async () => ({ rotate: [], nextReportSeconds: 43200 }));
app.post('/api/v1/recovery-keys', async (_request, reply) => reply.status(201).send({ created: true }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
