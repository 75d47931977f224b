// GET /signin/oidc starts an OpenID Connect sign-in; the provider sends the browser back to
// /signin/oidc/callback. Both answer 404 when OpenID Connect is not configured.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cookiePolicy } from './cookies';
import { OidcClient, redirectUrlOf } from './oidc';
import { safeNext } from './safe-next';
import { startSession } from './sessions';

export default async function oidcRoutes(app: FastifyInstance): Promise<void> {
  const { config, dbs } = app.services;
  const cookies = cookiePolicy(config);
  const stateCookie = cookies.secure ? '__Host-openmbam-oidc' : 'openmbam-oidc';
  const oidc = config.oidc ? new OidcClient(config.oidc) : null;
  const redirectUri = (request: FastifyRequest) =>
    redirectUrlOf(config, config.oidc!, `${request.protocol}://${request.host}`);

  app.get('/signin/oidc', { schema: { hide: true } }, async (request, reply) => {
    if (!oidc) return reply.callNotFound();
    const returnTo = safeNext((request.query as { next?: string }).next);
    const { url, state } = await oidc.begin(dbs.recovery, redirectUri(request), returnTo);
    reply.setCookie(stateCookie, state, { ...cookies.options, maxAge: 600 });
    return reply.redirect(url, 303);
  });

  app.get('/signin/oidc/callback', { schema: { hide: true } }, async (request, reply) => {
    if (!oidc) return reply.callNotFound();
    const callbackUrl = new URL(redirectUri(request));
    callbackUrl.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const cookieState = request.cookies[stateCookie];
    reply.clearCookie(stateCookie, cookies.options);
    const { principal, returnTo } = await oidc.complete(dbs.recovery, callbackUrl, cookieState);
    await startSession(request, reply, principal, false);
    return reply.redirect(returnTo, 303);
  });
}
