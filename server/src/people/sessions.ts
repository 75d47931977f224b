// Portal sessions: an opaque random cookie value, stored only as its SHA-256, with an idle timeout
// (MBAM's Self-Service default is 5 minutes; staff get their own, longer default) and an absolute
// lifetime. Time is passed in, so tests move the clock instead of sleeping.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { SessionConfig } from '../config/schema';
import type { RecoveryDatabase, SessionRow } from '../db/recovery-database';
import type { Static } from '@sinclair/typebox';
import { cookiePolicy } from './cookies';
import type { Principal } from './principal';
import { type Role, rolesFromColumn, rolesToColumn } from './roles';
import * as sessions from './session-repository';
import { isoAfter, isoNow } from '../shared/clock';
import { sha256Hex } from '../shared/sha256';

export type SessionSettings = Static<typeof SessionConfig>;

/** What a request knows about its session (set by the access plugin; never the cookie value). */
export interface SessionInfo {
  /** SHA-256 of the cookie value: the row id, safe to log */
  id: string;
  csrfToken: string;
  idleTimeoutSeconds: number;
  warningSeconds: number;
  mustChangePassword: boolean;
  expiresAt: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
  }
}

export const sessionIdOf = sha256Hex;

/** Self-Service-only users (no role) get the Self-Service timeout; anyone with a role the staff one. */
export function idleTimeoutFor(roles: readonly Role[], settings: SessionSettings): number {
  return roles.length === 0 ? settings.selfServiceIdleTimeoutSeconds : settings.idleTimeoutSeconds;
}

export async function createSession(
  db: Kysely<RecoveryDatabase>,
  principal: Omit<Principal, 'sessionId'>,
  options: { settings: SessionSettings; mustChangePassword?: boolean; now?: Date },
): Promise<{ cookieValue: string; session: SessionInfo }> {
  const now = options.now ?? new Date();
  const cookieValue = randomBytes(32).toString('base64url');
  const row: SessionRow = {
    id: sessionIdOf(cookieValue),
    principal_id: principal.id,
    user_name: principal.userName,
    display_name: principal.displayName,
    roles: rolesToColumn(principal.roles),
    source: principal.source,
    csrf_token: randomBytes(32).toString('base64url'),
    must_change_password: options.mustChangePassword ? 1 : 0,
    idle_timeout_seconds: idleTimeoutFor(principal.roles, options.settings),
    created_at: isoNow(now),
    last_seen_at: isoNow(now),
    expires_at: isoAfter(options.settings.absoluteTimeoutSeconds, now),
  };
  await sessions.insertSession(db, row);
  return { cookieValue, session: toSessionInfo(row, options.settings) };
}

export type SessionLookup =
  { state: 'active'; session: SessionInfo; principal: Principal } | { state: 'expired' | 'unknown' };

/**
 * Resolves a cookie value to its session. An idle or over-age session is deleted and reported as
 * `expired` (the sign-in page then says why); activity moves the idle deadline (at most one write per
 * 15 s per session, to keep busy pages from writing on every request).
 */
export async function resumeSession(
  db: Kysely<RecoveryDatabase>,
  cookieValue: string,
  settings: SessionSettings,
  now = new Date(),
): Promise<SessionLookup> {
  const row = await sessions.findSession(db, sessionIdOf(cookieValue));
  if (!row) return { state: 'unknown' };
  const idleDeadline = Date.parse(row.last_seen_at) + row.idle_timeout_seconds * 1000;
  if (now.getTime() >= idleDeadline || isoNow(now) >= row.expires_at) {
    await sessions.deleteSession(db, row.id);
    return { state: 'expired' };
  }
  if (now.getTime() - Date.parse(row.last_seen_at) >= 15_000) {
    await sessions.touchSession(db, row.id, isoNow(now));
  }
  return { state: 'active', session: toSessionInfo(row, settings), principal: principalOf(row) };
}

/** Keeps a session alive without other activity (the "Stay signed in" button). */
export async function keepAlive(db: Kysely<RecoveryDatabase>, id: string, now = new Date()): Promise<void> {
  await sessions.touchSession(db, id, isoNow(now));
}

export async function endSession(db: Kysely<RecoveryDatabase>, id: string): Promise<void> {
  await sessions.deleteSession(db, id);
}

export async function endSessionsOf(
  db: Kysely<RecoveryDatabase>,
  principalId: string,
  exceptSessionId?: string,
): Promise<number> {
  return sessions.deleteSessionsOf(db, principalId, exceptSessionId);
}

export async function purgeExpiredSessions(db: Kysely<RecoveryDatabase>, now = new Date()): Promise<number> {
  return sessions.deleteExpiredSessions(db, isoNow(now));
}

function toSessionInfo(row: SessionRow, settings: SessionSettings): SessionInfo {
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    idleTimeoutSeconds: row.idle_timeout_seconds,
    warningSeconds: Math.min(settings.warningSeconds, Math.floor(row.idle_timeout_seconds / 2)),
    mustChangePassword: row.must_change_password === 1,
    expiresAt: row.expires_at,
  };
}

function principalOf(row: SessionRow): Principal {
  return {
    id: row.principal_id,
    userName: row.user_name,
    displayName: row.display_name,
    roles: rolesFromColumn(row.roles),
    source: row.source === 'oidc' ? 'oidc' : 'local',
    sessionId: row.id,
  };
}

/**
 * Signs a person in: ends the request's old session, creates a new one (a fresh id: no session
 * fixation) and sets its cookie.
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Omit<Principal, 'sessionId'>,
  mustChangePassword: boolean,
): Promise<void> {
  const { config, dbs } = request.server.services;
  if (request.session) await endSession(dbs.recovery, request.session.id);
  const { cookieValue } = await createSession(dbs.recovery, principal, {
    settings: config.sessions,
    mustChangePassword,
  });
  const cookies = cookiePolicy(config);
  reply.setCookie(cookies.session, cookieValue, cookies.options);
  request.log.info({ user: principal.userName, source: principal.source }, 'signed in');
}
