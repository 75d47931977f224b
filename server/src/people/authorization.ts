// The one authorization table: every route of the server is listed here with who may call it, and a
// hook (registered by the sign-in layer) refuses any route that is missing (fail closed). A test walks
// every route × every role against this table.
import type { Role } from './roles';

export type Access =
  /** anyone, signed in or not (health, sign-in pages, static assets) */
  | { kind: 'public' }
  /** agents, authenticated by their device proof (client-api/) */
  | { kind: 'device' }
  /** any signed-in person: the Self-Service Portal */
  | { kind: 'signed-in' }
  /** signed in with at least one of these roles */
  | { kind: 'roles'; roles: Role[] };

const publicAccess: Access = { kind: 'public' };
const device: Access = { kind: 'device' };
const signedIn: Access = { kind: 'signed-in' };
const roles = (...r: Role[]): Access => ({ kind: 'roles', roles: r });

export const HELPDESK: Access = roles('Helpdesk', 'Advanced Helpdesk');
export const ADVANCED_HELPDESK: Access = roles('Advanced Helpdesk');
export const REPORTS: Access = roles('Report Users', 'Advanced Helpdesk', 'System Administrators');
export const ADMINISTRATION: Access = roles('System Administrators');

/**
 * `METHOD /route/pattern` exactly as registered with Fastify (including the prefix) → access.
 * Add every new route here; a route missing from the table answers 403 and fails the matrix test.
 */
export const ROUTE_ACCESS: Record<string, Access> = {
  'GET /healthz': publicAccess,
  'GET /readyz': publicAccess,
  'GET /api/openapi.json': publicAccess,
  'POST /api/v1/enroll': publicAccess,
  'POST /api/v1/recovery-keys': device,
  'POST /api/v1/status': device,
  'POST /api/v1/recovery-keys/:keyProtectorId/rotated': device,
  // sign-in, sessions, static assets (people/sign-in-routes.ts, portals/static-files.ts)
  'GET /': publicAccess,
  'GET /static/:file': publicAccess,
  'GET /signin': publicAccess,
  'POST /signin': publicAccess,
  'GET /signin/oidc': publicAccess,
  'GET /signin/oidc/callback': publicAccess,
  'POST /signout': publicAccess,
  'POST /session/keepalive': signedIn,
  'GET /account/password': signedIn,
  'POST /account/password': signedIn,
  // my account and personal API tokens (people/account-routes.ts)
  'GET /account': signedIn,
  'POST /account/tokens': signedIn,
  'POST /account/tokens/:id/revoke': signedIn,
  'GET /api/v1/me': signedIn,
  'GET /api/v1/account/tokens': signedIn,
  'POST /api/v1/account/tokens': signedIn,
  'DELETE /api/v1/account/tokens/:id': signedIn,
  // administration (portals/admin/routes.ts, admin-api/routes.ts)
  'GET /admin': ADMINISTRATION,
  'GET /admin/enrollment-tokens': ADMINISTRATION,
  'POST /admin/enrollment-tokens': ADMINISTRATION,
  'POST /admin/enrollment-tokens/:id/revoke': ADMINISTRATION,
  'GET /admin/devices': ADMINISTRATION,
  'POST /admin/devices/:id/revoke': ADMINISTRATION,
  'GET /admin/users': ADMINISTRATION,
  'POST /admin/users': ADMINISTRATION,
  'GET /admin/users/:id': ADMINISTRATION,
  'POST /admin/users/:id/roles': ADMINISTRATION,
  'POST /admin/users/:id/disable': ADMINISTRATION,
  'POST /admin/users/:id/enable': ADMINISTRATION,
  'POST /admin/users/:id/reset-password': ADMINISTRATION,
  'GET /admin/role-mappings': ADMINISTRATION,
  'POST /admin/role-mappings': ADMINISTRATION,
  'POST /admin/role-mappings/:id/delete': ADMINISTRATION,
  'GET /admin/branding': ADMINISTRATION,
  'POST /admin/branding': ADMINISTRATION,
  'GET /admin/configuration': ADMINISTRATION,
  'GET /api/v1/admin/enrollment-tokens': ADMINISTRATION,
  'POST /api/v1/admin/enrollment-tokens': ADMINISTRATION,
  'DELETE /api/v1/admin/enrollment-tokens/:id': ADMINISTRATION,
  'GET /api/v1/admin/devices': ADMINISTRATION,
  'POST /api/v1/admin/devices/:id/revoke': ADMINISTRATION,
  'GET /api/v1/admin/users': ADMINISTRATION,
  'POST /api/v1/admin/users': ADMINISTRATION,
  'PATCH /api/v1/admin/users/:id': ADMINISTRATION,
  'POST /api/v1/admin/users/:id/reset-password': ADMINISTRATION,
  'GET /api/v1/admin/role-mappings': ADMINISTRATION,
  'POST /api/v1/admin/role-mappings': ADMINISTRATION,
  'DELETE /api/v1/admin/role-mappings/:id': ADMINISTRATION,
  'GET /api/v1/admin/branding': ADMINISTRATION,
  'PUT /api/v1/admin/branding': ADMINISTRATION,
  'GET /api/v1/admin/configuration': ADMINISTRATION,
  // Help Desk and Self-Service: JSON API (recovery/routes.ts) and pages (portals/helpdesk, portals/selfservice)
  'POST /api/v1/helpdesk/recovery-key': HELPDESK,
  'POST /api/v1/helpdesk/tpm-owner-auth': HELPDESK,
  'GET /api/v1/helpdesk/computers/:domain/:name/volumes': ADVANCED_HELPDESK,
  'POST /api/v1/selfservice/recovery-key': signedIn,
  'GET /helpdesk': HELPDESK,
  'POST /helpdesk/drive-recovery': HELPDESK,
  'GET /helpdesk/tpm': HELPDESK,
  'POST /helpdesk/tpm': HELPDESK,
  'GET /helpdesk/computers': ADVANCED_HELPDESK,
  'GET /selfservice': signedIn,
  'POST /selfservice': signedIn,
};

export function accessFor(method: string, routeUrl: string): Access | undefined {
  return ROUTE_ACCESS[`${method.toUpperCase()} ${routeUrl}`];
}

export function allows(access: Access, principalRoles: readonly Role[] | null): boolean {
  switch (access.kind) {
    case 'public':
    case 'device':
      return true;
    case 'signed-in':
      return principalRoles !== null;
    case 'roles':
      return principalRoles !== null && access.roles.some((r) => principalRoles.includes(r));
  }
}
