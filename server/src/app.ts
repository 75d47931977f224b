// The application as a Fastify plugin tree; server.ts alone listens. Order matters: body parsing and
// the error mapping first, then the routes that rely on them.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import clientApi from './client-api/routes';
import { answerClientError, registerErrorHandler } from './http/error-handler';
import health from './http/health';
import { registerJsonBody } from './http/json-body';
import { registerNulCharacterCheck } from './http/nul-characters';
import type { AppServices } from './http/services';
import portals from './portals';
import helpdeskPages from './portals/helpdesk';
import selfServicePages from './portals/selfservice';
import { API_PREFIX } from './protocol';
import recoveryApi from './recovery/routes';

export interface BuildAppOptions {
  logger?: FastifyBaseLogger;
  https?: { cert: Buffer; key: Buffer } | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: ReadonlyArray<{ method: string; url: string }>;
  }
}

export async function buildApp(
  services: AppServices,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ...(options.https ? { https: options.https } : {}),
    bodyLimit: services.config.bodyLimitBytes,
    // our own onResponse line below replaces Fastify's two lines per request
    logController: new LogController({ disableRequestLogging: true }),
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 65_000,
    // Unknown fields are rejected, never silently dropped; types are never coerced.
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false },
    },
    return503OnClosing: true,
    // The router refuses broken %-escapes and over-long path segments before any route runs; sent on
    // to the error handler, they get our error shape (and a page, in a browser) like every refusal.
    frameworkErrors: (error, request, reply) => request.server.errorHandler(error, request, reply),
    clientErrorHandler: answerClientError,
    trustProxy: services.config.trustProxy ?? false,
  }) as unknown as FastifyInstance;

  app.decorate('services', services);
  // Every route, as registered: the authorization matrix and the secret-exposure tests walk this list.
  const routes: Array<{ method: string; url: string }> = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.decorateRequest('device', undefined);
  registerJsonBody(app);
  registerNulCharacterCheck(app);
  registerErrorHandler(app);
  // JSON answers may carry a recovery password or a token: no cache may keep them.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
  // One access-log line per request, at debug for successes so a busy server's log stays readable.
  app.addHook('onResponse', async (request, reply) => {
    const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'info' : 'debug';
    request.log[level](
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'OpenMBAM API',
        version: '1.0.0',
        description: 'Client web services (agent protocol v1) and automation API of the OpenMBAM server.',
      },
      components: {
        securitySchemes: {
          deviceProof: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: 'MBAM-Device <ES256 JWS>',
          },
        },
      },
    },
  });
  // First: its access hooks (authorization table, sessions, CSRF) must cover every later route.
  await app.register(portals);
  await app.register(health);
  await app.register(clientApi, { prefix: API_PREFIX });
  await app.register(recoveryApi, { prefix: API_PREFIX });
  await app.register(helpdeskPages);
  await app.register(selfServicePages);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
