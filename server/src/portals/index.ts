// The people-facing half of the server as one plugin: security headers, form bodies, who is calling
// and whether they may (people/access-plugin.ts), HTML error pages, static assets, sign-in, my
// account, administration, and the Help Desk and Self-Service portals. Registered once from app.ts,
// before every other route, so its hooks cover all of them (fastify-plugin: not encapsulated).
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { setErrorPageRenderer } from '../http/error-handler';
import access, { isApiPath, isDeviceCall } from '../people/access-plugin';
import { isTlsDeployment } from '../people/cookies';
import accountRoutes from '../people/account-routes';
import oidcRoutes from '../people/oidc-routes';
import signInRoutes from '../people/sign-in-routes';
import adminApi from '../admin-api/routes';
import adminRoutes from './admin/routes';
import { ErrorPage } from './shell/error-page';
import { render } from './shell/render';
import staticFiles from './static-files';

async function portals(app: FastifyInstance): Promise<void> {
  const tls = isTlsDeployment(app.services.config);
  // Built once: @fastify/helmet rebuilt the whole middleware (and re-parsed the CSP) on every request.
  const securityHeaders = helmet({
    // No inline script or style anywhere: behaviour is /static/app.js, looks are /static/app.css.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only where the server is reached over TLS: on plain HTTP it would be ignored or, behind a
    // proxy that later drops TLS, lock people out.
    hsts: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (isDeviceCall(request)) return done();
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(access);

  setErrorPageRenderer(app, (request, reply, error) => {
    if (isApiPath(request.url) || !String(request.headers.accept ?? '').includes('text/html'))
      return undefined;
    return render(
      reply,
      ErrorPage,
      { statusCode: error.statusCode, message: error.message },
      { status: error.statusCode },
    );
  });

  await app.register(staticFiles);
  await app.register(signInRoutes);
  await app.register(oidcRoutes);
  await app.register(accountRoutes);
  await app.register(adminRoutes);
  await app.register(adminApi);
}

export default fp(portals, { name: 'openmbam-portals', fastify: '5.x' });
