// Who is calling, and may they? For every request: the principal from the session cookie or a
// personal API token, the CSRF token forms must carry, then the authorization table decides
// (fail closed: a route missing from the table is refused). Unsafe requests authenticated by cookie
// (or anonymous form posts) must carry the CSRF token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { UserError } from '../errors';
import { CSRF_FIELD } from '../portals/shell/forms';
import { authenticateApiToken } from './api-tokens';
import { type Access, accessFor, allows } from './authorization';
import { cookiePolicy } from './cookies';
import type { Principal } from './principal';
import { purgeExpiredSessions, resumeSession } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** the CSRF token of this request's forms: the session's, or the pre-sign-in cookie's */
    csrfToken: string;
    /** how the principal was established */
    authenticatedBy: 'session' | 'api-token' | null;
    /** a session cookie came with the request but its session had ended (idle or too old) */
    sessionExpired: boolean;
  }
}

/** What a session that must change its password may still do. */
const DURING_PASSWORD_CHANGE = new Set([
  'GET /account/password',
  'POST /account/password',
  'POST /signout',
  'POST /session/keepalive',
]);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Set on every answer refused by the authorization table (401, 403 or the redirect to sign-in). */
export const ACCESS_HEADER = 'x-openmbam-access';

export const isApiPath = (url: string): boolean => url.startsWith('/api/');

/**
 * An agent's call (a `device` row of the table). Its route checks the device's signed proof itself
 * (client-api/routes.ts); it carries no session cookie or API token and its JSON answer is never
 * shown in a browser, so the work done here for people (sessions, CSRF tokens, browser security
 * headers) is skipped: agents make nearly all of a server's requests.
 */
export const isDeviceCall = (request: FastifyRequest): boolean =>
  request.routeOptions.url !== undefined &&
  accessFor(request.method, request.routeOptions.url)?.kind === 'device';

async function access(app: FastifyInstance): Promise<void> {
  const { config, dbs } = app.services;
  const cookies = cookiePolicy(config);
  await app.register(cookie);
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('authenticatedBy', null);
  app.decorateRequest('sessionExpired', false);

  // Sessions end on their own when used after a timeout; rows of people who never came back are
  // removed here once their absolute lifetime is over.
  const purge = setInterval(() => {
    purgeExpiredSessions(dbs.recovery).catch((err: unknown) =>
      app.log.warn({ err }, 'purging sessions failed'),
    );
  }, 10 * 60_000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));

  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const rule = route === undefined ? undefined : accessFor(method, route);
    if (rule?.kind === 'device') return; // see isDeviceCall
    await identify(request, reply);
    if (route === undefined) return; // no such route: the not-found handler answers
    if (!rule) {
      reply.header(ACCESS_HEADER, 'denied');
      request.log.error({ method, route }, 'route missing from the authorization table: refused');
      throw new UserError(
        'forbidden',
        'This address is not open to anyone (it is missing from the authorization table).',
      );
    }
    return authorize(request, reply, rule, `${method} ${route}`);
  });

  // The body is parsed by now; form posts carry `_csrf`, scripts send the `x-csrf-token` header.
  app.addHook('preHandler', async (request) => {
    if (!UNSAFE.has(request.method) || !needsCsrf(request)) return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent =
      request.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body[CSRF_FIELD] : undefined);
    if (typeof sent !== 'string' || !sameSecret(sent, request.csrfToken)) {
      request.log.info({ route: request.routeOptions.url }, 'CSRF token missing or wrong');
      throw new UserError(
        'forbidden',
        'This form could not be accepted: it has expired or did not come from this site (its security token is missing or wrong). Go back, reload the page and try again.',
        { field: CSRF_FIELD },
      );
    }
  });

  async function identify(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined && /^bearer /i.test(authorization)) {
      const principal = await authenticateApiToken(dbs.recovery, authorization.slice(7).trim());
      if (!principal) {
        throw new UserError(
          'unauthorized',
          'The API token is not valid: it is unknown, revoked or expired, or its owner is disabled. Create one at /account or with `npx openmbam user token create`.',
        );
      }
      request.principal = principal;
      request.authenticatedBy = 'api-token';
      request.csrfToken = '';
      return;
    }
    const value = request.cookies[cookies.session];
    if (value) {
      const found = await resumeSession(dbs.recovery, value, config.sessions);
      if (found.state === 'active') {
        request.principal = found.principal;
        request.session = found.session;
        request.authenticatedBy = 'session';
        request.csrfToken = found.session.csrfToken;
        return;
      }
      request.sessionExpired = found.state === 'expired';
      reply.clearCookie(cookies.session, cookies.options);
    }
    const anonymous = request.cookies[cookies.csrf];
    if (anonymous && /^[A-Za-z0-9_-]{43}$/.test(anonymous)) {
      request.csrfToken = anonymous;
    } else if (!isApiPath(request.url)) {
      request.csrfToken = randomBytes(32).toString('base64url');
      reply.setCookie(cookies.csrf, request.csrfToken, cookies.options);
    }
  }

  function authorize(
    request: FastifyRequest,
    reply: FastifyReply,
    rule: Access,
    key: string,
  ): FastifyReply | void {
    const principal = request.principal;
    if (request.session?.mustChangePassword && rule.kind !== 'public' && !DURING_PASSWORD_CHANGE.has(key)) {
      if (isApiPath(request.url)) {
        throw new UserError(
          'forbidden',
          'Choose a new password at /account/password before doing anything else.',
        );
      }
      return reply.redirect('/account/password', 303);
    }
    if (allows(rule, principal ? principal.roles : null)) return;
    // marks refusals by this table (not by a handler), for the authorization matrix test and operators
    reply.header(ACCESS_HEADER, 'denied');
    if (!principal) {
      if (isApiPath(request.url)) {
        throw new UserError(
          'unauthorized',
          'Sign in first: send "Authorization: Bearer <personal API token>" (create one at /account).',
        );
      }
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      const reason = request.sessionExpired ? `${next ? '&' : '?'}reason=idle` : '';
      return reply.redirect(`/signin${next}${reason}`, 303);
    }
    throw new UserError('forbidden', refusal(rule, principal));
  }

  function needsCsrf(request: FastifyRequest): boolean {
    if (request.authenticatedBy === 'api-token') return false;
    if (request.authenticatedBy === 'session') return true;
    const rule = accessFor(request.method, request.routeOptions.url ?? '');
    // device calls are signed; anonymous JSON calls (enrollment) carry no ambient credential
    return rule !== undefined && rule.kind !== 'device' && !isApiPath(request.url);
  }
}

function refusal(rule: Access, principal: Principal): string {
  const needed = rule.kind === 'roles' ? rule.roles.join(' or ') : 'a different role';
  const has = principal.roles.length ? principal.roles.join(', ') : 'no role (Self-Service only)';
  return `${principal.userName} may not open this page: it needs ${needed}, and you have ${has}. Ask a System Administrator if you need access.`;
}

function sameSecret(a: string, b: string): boolean {
  if (!b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export default fp(access, { name: 'openmbam-access', fastify: '5.x' });
