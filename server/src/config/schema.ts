// The server's configuration: one TypeBox schema, the type derived from it (style.md: config typed once).
import { Type, type Static } from '@sinclair/typebox';
import { RateLimitsConfig } from '../rate-limit/limits';

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

export const ServerConfig = Type.Object(
  {
    dataDir: Type.String({ minLength: 1, description: 'where SQLite files and the local key file live' }),
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    /** the address people and agents use, when behind a proxy or load balancer */
    publicUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
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
    logLevel: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    ),
  },
  { additionalProperties: false },
);
export type ServerConfig = Static<typeof ServerConfig>;
