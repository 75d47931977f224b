// The server's configuration: one TypeBox schema, the type derived from it (style.md: config typed once).
import { Type, type Static } from '@sinclair/typebox';
import { RateLimitsConfig } from '../rate-limit/limits';
import { ROLES } from '../people/roles';

export const KekProviderConfig = Type.Union([
  Type.Object(
    { provider: Type.Literal('local-key-file'), keyFile: Type.String({ minLength: 1 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      provider: Type.Literal('azure-key-vault'),
      vaultUrl: Type.String({ pattern: '^https://' }),
      keyName: Type.String({ pattern: '^[0-9A-Za-z-]{1,127}$' }),
    },
    { additionalProperties: false },
  ),
]);

/** Portal sessions (server/docs/sign-in.md). Idle timeouts end a session after that long without a request. */
export const SessionConfig = Type.Object(
  {
    /** staff (anyone with a role): default 15 minutes */
    idleTimeoutSeconds: Type.Integer({ minimum: 60, maximum: 24 * 3600 }),
    /** Self-Service-only users: MBAM's default is 5 minutes */
    selfServiceIdleTimeoutSeconds: Type.Integer({ minimum: 60, maximum: 24 * 3600 }),
    /** a session ends this long after sign-in, however active: default 8 hours */
    absoluteTimeoutSeconds: Type.Integer({ minimum: 300, maximum: 7 * 24 * 3600 }),
    /** the warning before the idle timeout (MBAM: 60 s) */
    warningSeconds: Type.Integer({ minimum: 10, maximum: 600 }),
  },
  { additionalProperties: false },
);

/** OpenID Connect sign-in (authorization code + PKCE). The client secret comes from the environment. */
export const OidcConfig = Type.Object(
  {
    issuer: Type.String({ pattern: '^https?://' }),
    clientId: Type.String({ minLength: 1 }),
    /** OPENMBAM_OIDC_CLIENT_SECRET; absent for a public client (PKCE only) */
    clientSecret: Type.Optional(Type.String({ minLength: 1 })),
    /** defaults to `<publicUrl>/signin/oidc/callback` */
    redirectUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
    scopes: Type.String({ minLength: 1 }),
    /** the ID token / userinfo claim holding groups or app roles */
    roleClaim: Type.String({ minLength: 1 }),
    /** role → claim values (group names or ids, app role values) that grant it */
    roleMapping: Type.Object(
      Object.fromEntries(ROLES.map((r) => [r, Type.Optional(Type.Array(Type.String({ minLength: 1 })))])),
      { additionalProperties: false },
    ),
    /** the claim shown and audited as the user name */
    userNameClaim: Type.String({ minLength: 1 }),
    /** the sign-in button, e.g. "Sign in with Microsoft Entra ID" */
    buttonLabel: Type.String({ minLength: 1, maxLength: 100 }),
    /** allow http:// issuers (tests, a provider on loopback); never in production */
    allowInsecureIssuer: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OidcConfig = Static<typeof OidcConfig>;

export const ServerConfig = Type.Object(
  {
    dataDir: Type.String({ minLength: 1, description: 'where SQLite files and the local key file live' }),
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    /** the address people and agents use, when behind a proxy or load balancer */
    publicUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
    /**
     * Behind a reverse proxy or load balancer: trust its X-Forwarded-* headers so audit entries and
     * per-address rate limits see the client's address, not the proxy's. `true`, or the proxy
     * addresses/CIDRs (comma-separated), as Fastify's `trustProxy` takes them.
     */
    trustProxy: Type.Optional(Type.Union([Type.Boolean(), Type.String({ minLength: 1 })])),
    databases: Type.Object(
      { recovery: Type.String({ minLength: 1 }), compliance: Type.String({ minLength: 1 }) },
      { additionalProperties: false },
    ),
    keyEncryptionKey: KekProviderConfig,
    tls: Type.Optional(
      Type.Object(
        { certFile: Type.String({ minLength: 1 }), keyFile: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
    ),
    bodyLimitBytes: Type.Integer({ minimum: 1024, maximum: 10 * 1024 * 1024 }),
    /** what the status answer tells agents: MBAM's default status reporting frequency is 720 minutes */
    statusReportSeconds: Type.Integer({ minimum: 60, maximum: 7 * 24 * 3600 }),
    /** key lookup limits of the portals and API (rate-limit/limits.ts has the defaults) */
    rateLimits: Type.Optional(RateLimitsConfig),
    sessions: SessionConfig,
    oidc: Type.Optional(OidcConfig),
    /**
     * Self-Service matches the signed-in user against the `DOMAIN\user` names agents report. People
     * who sign in as `alice@contoso.com` (Entra ID) are matched as `CONTOSO\alice` through this map of
     * UPN suffix → NetBIOS domain, e.g. { "contoso.com": "CONTOSO" }.
     */
    upnDomains: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[^@\\s]+$' }),
        // a NetBIOS domain name: up to 15 characters, no dot (a DNS name here is the usual mistake)
        Type.String({ pattern: '^[^\\\\/:*?"<>|\\s.]{1,15}$' }),
      ),
    ),
    /** local accounts (`openmbam user add`): on by default; turn off when everyone signs in with OIDC */
    localSignIn: Type.Boolean(),
    logLevel: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    ),
  },
  { additionalProperties: false },
);
export type ServerConfig = Static<typeof ServerConfig>;
