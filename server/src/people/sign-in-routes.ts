// Sign-in, sign-out, the forced password change, the idle keep-alive and the start page.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorsFrom, formString, render, seeOther } from '../portals/shell';
import { describeWindow, effectiveRateLimits } from '../rate-limit/limits';
import { takeAttempt } from '../rate-limit/rate-limiter';
import { cookiePolicy } from './cookies';
import { changeOwnPassword, verifyLocalSignIn } from './local-sign-in';
import { ChangePasswordPage } from './pages/change-password-page';
import { SignInPage, type SignInPageProps } from './pages/sign-in-page';
import { safeNext } from './safe-next';
import { endSession, endSessionsOf, keepAlive, startSession } from './sessions';
import { allows, accessFor } from './authorization';
import { clearMustChangePassword } from './session-repository';

/** Where `/` sends a signed-in person: the first of these they may open. */
const LANDINGS = ['/helpdesk', '/reports', '/admin', '/selfservice'];

export default async function signInRoutes(app: FastifyInstance): Promise<void> {
  const { config, dbs } = app.services;
  const cookies = cookiePolicy(config);
  const signInLimit = effectiveRateLimits(config.rateLimits).signin;

  /** Counted before the password is checked: guessing is stopped, and so is the scrypt work. */
  const refusalIfLimited = async (
    request: FastifyRequest,
    userName: string,
  ): Promise<{ message: string; retryAfterSeconds: number } | null> => {
    const decision = await takeAttempt(
      dbs.compliance,
      'signin',
      { userName, clientAddress: request.ip },
      signInLimit,
    );
    if (decision.allowed) return null;
    request.log.warn(
      {
        user: userName.slice(0, 64),
        clientAddress: request.ip,
        limitedBy: decision.limitedBy,
        limit: decision.limit,
        windowSeconds: decision.windowSeconds,
      },
      'local sign-in rate-limited: possible password guessing',
    );
    const per = decision.limitedBy === 'user' ? 'for this user name' : 'from your network address';
    return {
      message: `Too many sign-in attempts ${per}: at most ${decision.limit} in ${describeWindow(decision.windowSeconds)}. Try again in ${describeWindow(decision.retryAfterSeconds)}.`,
      retryAfterSeconds: decision.retryAfterSeconds,
    };
  };

  const signInProps = (
    request: FastifyRequest,
    overrides: Partial<SignInPageProps> = {},
  ): SignInPageProps => {
    const query = request.query as Record<string, string | undefined>;
    const reason = query.reason;
    return {
      next: safeNext(query.next),
      userName: '',
      errors: {},
      reason: reason === 'idle' || reason === 'signed-out' || reason === 'password-changed' ? reason : null,
      idleMinutes: Math.round(config.sessions.idleTimeoutSeconds / 60),
      oidcLabel: config.oidc ? config.oidc.buttonLabel : null,
      localSignIn: config.localSignIn,
      ...overrides,
    };
  };

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal;
    if (!principal) return reply.redirect('/signin', 303);
    const landing = LANDINGS.find(
      (href) =>
        app.hasRoute({ method: 'GET', url: href }) && allows(accessFor('GET', href)!, principal.roles),
    );
    return reply.redirect(landing ?? '/account', 303);
  });

  app.get('/signin', { schema: { hide: true } }, async (request, reply) => {
    if (request.principal && request.authenticatedBy === 'session') {
      return reply.redirect(safeNext((request.query as { next?: string }).next), 303);
    }
    return render(reply, SignInPage, signInProps(request));
  });

  app.post('/signin', { schema: { hide: true } }, async (request, reply) => {
    const userName = formString(request.body, 'userName');
    const password = formString(request.body, 'password', { raw: true });
    const next = safeNext(formString(request.body, 'next'));
    if (!config.localSignIn) {
      return render(
        reply,
        SignInPage,
        signInProps(request, { next, errors: { form: 'Local accounts are turned off on this server.' } }),
        { status: 403 },
      );
    }
    const refused = (errors: Record<string, string>, status: number) =>
      render(reply, SignInPage, signInProps(request, { next, userName, errors }), { status });
    const errors: Record<string, string> = {};
    if (!userName) errors.userName = 'Enter your user name.';
    if (!password) errors.password = 'Enter your password.';
    if (Object.keys(errors).length) return refused(errors, 401);
    const limited = await refusalIfLimited(request, userName);
    if (limited) {
      reply.header('retry-after', String(limited.retryAfterSeconds));
      return refused({ form: limited.message }, 429);
    }
    const result = await verifyLocalSignIn(dbs.recovery, userName, password);
    if (!result) {
      request.log.info({ user: userName.slice(0, 64) }, 'local sign-in refused');
      return refused({ password: 'The user name or password is wrong, or the account is disabled.' }, 401);
    }
    await startSession(request, reply, result.principal, result.mustChangePassword);
    return seeOther(reply, result.mustChangePassword ? '/account/password' : next);
  });

  // Sign-out works even when the session already ended, so it is public (and CSRF-checked).
  app.post('/signout', { schema: { hide: true } }, async (request, reply) => {
    if (request.session) await endSession(dbs.recovery, request.session.id);
    reply.clearCookie(cookies.session, cookies.options);
    return seeOther(reply, '/signin?reason=signed-out');
  });

  app.post('/session/keepalive', { schema: { hide: true } }, async (request, reply) => {
    if (request.session) await keepAlive(dbs.recovery, request.session.id);
    return reply.status(204).send();
  });

  app.get('/account/password', { schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal!;
    if (principal.source !== 'local') return reply.redirect('/account', 303);
    return render(reply, ChangePasswordPage, {
      forced: request.session?.mustChangePassword ?? false,
      errors: {},
      userName: principal.userName,
    });
  });

  app.post('/account/password', { schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal!;
    if (principal.source !== 'local' || !request.session) return reply.redirect('/account', 303);
    try {
      await changeOwnPassword(dbs.recovery, principal.id, {
        currentPassword: formString(request.body, 'currentPassword', { raw: true }),
        newPassword: formString(request.body, 'newPassword', { raw: true }),
        confirmPassword: formString(request.body, 'confirmPassword', { raw: true }),
      });
    } catch (error) {
      return render(
        reply,
        ChangePasswordPage,
        {
          forced: request.session.mustChangePassword,
          errors: errorsFrom(error),
          userName: principal.userName,
        },
        { status: 400 },
      );
    }
    // other sessions of this account end; this one continues without the restriction
    await endSessionsOf(dbs.recovery, principal.id, request.session.id);
    const wasForced = request.session.mustChangePassword;
    await clearMustChangePassword(dbs.recovery, request.session.id);
    request.log.info({ user: principal.userName }, 'password changed');
    return seeOther(reply, wasForced ? '/' : '/account?done=password');
  });
}
