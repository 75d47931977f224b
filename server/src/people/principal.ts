// Who is calling: set on every request by the sign-in layer (session cookie from a portal sign-in,
// or `Authorization: Bearer` personal API token), or null when nobody is signed in.
import type { Role } from './roles';

export interface Principal {
  /** stable id: local user id, or `oidc:<issuer>#<sub>` */
  id: string;
  /** as shown and audited, e.g. `CONTOSO\alice` or `alice@contoso.com` */
  userName: string;
  displayName: string;
  roles: Role[];
  source: 'local' | 'oidc' | 'api-token';
  /** set for portal sessions (cookie); absent for API tokens */
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}
