// The configuration in force, as the administrator may see it: secrets are replaced by "(set)" and
// passwords in database URLs by "***" (mbam-server.md §9.2: no secret in any view).
import type { ServerConfig } from '../../config/schema';

export function redactConnectionString(value: string): string {
  try {
    if (!/^(postgres(ql)?|mssql):\/\//.test(value)) return value;
    const url = new URL(value);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) {
      if (/password|secret|token|key/i.test(key)) url.searchParams.set(key, '***');
    }
    return url.toString();
  } catch {
    return '(not shown: not a URL)';
  }
}

export function effectiveConfiguration(config: ServerConfig): Record<string, unknown> {
  return {
    dataDir: config.dataDir,
    host: config.host,
    port: config.port,
    publicUrl: config.publicUrl ?? null,
    tls: config.tls ? { certFile: config.tls.certFile, keyFile: config.tls.keyFile } : null,
    databases: {
      recovery: redactConnectionString(config.databases.recovery),
      compliance: redactConnectionString(config.databases.compliance),
    },
    keyEncryptionKey: config.keyEncryptionKey,
    bodyLimitBytes: config.bodyLimitBytes,
    statusReportSeconds: config.statusReportSeconds,
    sessions: config.sessions,
    localSignIn: config.localSignIn,
    oidc: config.oidc
      ? {
          issuer: config.oidc.issuer,
          clientId: config.oidc.clientId,
          clientSecret: config.oidc.clientSecret ? '(set)' : '(none: public client)',
          redirectUrl: config.oidc.redirectUrl ?? null,
          scopes: config.oidc.scopes,
          roleClaim: config.oidc.roleClaim,
          roleMapping: config.oidc.roleMapping,
          userNameClaim: config.oidc.userNameClaim,
          buttonLabel: config.oidc.buttonLabel,
        }
      : null,
    logLevel: config.logLevel,
  };
}
