// From a request to what the recovery services need: the signed-in requester and the dependencies.
// Shared by the JSON API (routes.ts) and the Help Desk and Self-Service pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditSource } from '../audit/audit-entry';
import { RateLimitedError, UserError } from '../errors';
import { effectiveRateLimits } from '../rate-limit/limits';
import type { RecoveryDeps, Requester } from './requester';

export function requesterOf(request: FastifyRequest, source: AuditSource): Requester {
  const principal = request.principal;
  if (!principal) {
    throw new UserError(
      'unauthorized',
      'Sign in first (or send a personal API token as "Authorization: Bearer …").',
    );
  }
  return { userName: principal.userName, roles: principal.roles, source, clientAddress: request.ip };
}

export function recoveryDeps(app: FastifyInstance, request: FastifyRequest): RecoveryDeps {
  const { dbs, sealer, config } = app.services;
  return {
    dbs,
    sealer,
    limits: effectiveRateLimits(config.rateLimits),
    upnDomains: config.upnDomains,
    log: request.log,
  };
}

/** A refused portal form answers with the status the API would (400, 403, 404, 429), and Retry-After on 429. */
export function refusalStatus(error: unknown, reply: FastifyReply): number {
  if (error instanceof RateLimitedError) {
    reply.header('retry-after', String(error.retryAfterSeconds));
    return 429;
  }
  return (error as { statusCode?: number }).statusCode ?? 400;
}
