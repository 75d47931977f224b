// OPENMBAM_* environment variables → where each goes in the configuration. Documented in the README.
// Values are parsed strictly and a refusal names the variable: Number() would have read "0x10" as 16,
// "1e3" as 1000 and " 80 " as 80, which the --port flag refuses.
import { UserError, truncateForMessage } from '../errors';

export interface EnvironmentSetting {
  /** the JSON path it sets, e.g. /sessions/idleTimeoutSeconds */
  path: string;
  parse: (name: string, value: string) => unknown;
}

const text = (path: string): EnvironmentSetting => ({ path, parse: (_name, value) => value });

const integer = (path: string): EnvironmentSetting => ({
  path,
  parse: (name, value) => {
    if (!/^\d{1,15}$/.test(value)) {
      throw new UserError(
        'invalid_configuration',
        `${name} must be a whole number written with digits only, e.g. 900 (got "${truncateForMessage(value)}").`,
        { field: name },
      );
    }
    return Number(value);
  },
});

/** `true`, `false`, or (when `other` allows it) any other text, left for the schema to check. */
const flag = (path: string, other: boolean): EnvironmentSetting => ({
  path,
  parse: (name, value) => {
    if (value === 'true' || value === 'false') return value === 'true';
    if (other) return value;
    throw new UserError(
      'invalid_configuration',
      `${name} must be true or false (got "${truncateForMessage(value)}").`,
      { field: name },
    );
  },
});

const json = (path: string, example: string): EnvironmentSetting => ({
  path,
  parse: (name, value) => {
    try {
      return JSON.parse(value) as unknown;
    } catch (cause) {
      throw new UserError(
        'invalid_configuration',
        `${name} must be JSON, e.g. ${example} (got ${truncateForMessage(value)}).`,
        { field: name, cause },
      );
    }
  },
});

export const ENVIRONMENT: Record<string, EnvironmentSetting> = {
  OPENMBAM_DATA_DIR: text('/dataDir'),
  OPENMBAM_HOST: text('/host'),
  OPENMBAM_PORT: integer('/port'),
  OPENMBAM_PUBLIC_URL: text('/publicUrl'),
  OPENMBAM_TRUST_PROXY: flag('/trustProxy', true),
  OPENMBAM_RECOVERY_DB: text('/databases/recovery'),
  OPENMBAM_COMPLIANCE_DB: text('/databases/compliance'),
  // the provider these imply is set in load.ts, which also refuses both providers at once
  OPENMBAM_KEY_FILE: text('/keyEncryptionKey/keyFile'),
  OPENMBAM_KEY_VAULT_URL: text('/keyEncryptionKey/vaultUrl'),
  OPENMBAM_KEY_VAULT_KEY: text('/keyEncryptionKey/keyName'),
  OPENMBAM_TLS_CERT: text('/tls/certFile'),
  OPENMBAM_TLS_KEY: text('/tls/keyFile'),
  OPENMBAM_LOG_LEVEL: text('/logLevel'),
  OPENMBAM_SESSION_IDLE_SECONDS: integer('/sessions/idleTimeoutSeconds'),
  OPENMBAM_SELFSERVICE_IDLE_SECONDS: integer('/sessions/selfServiceIdleTimeoutSeconds'),
  OPENMBAM_SESSION_MAX_SECONDS: integer('/sessions/absoluteTimeoutSeconds'),
  OPENMBAM_LOCAL_SIGN_IN: flag('/localSignIn', false),
  OPENMBAM_OIDC_ISSUER: text('/oidc/issuer'),
  OPENMBAM_OIDC_CLIENT_ID: text('/oidc/clientId'),
  OPENMBAM_OIDC_CLIENT_SECRET: text('/oidc/clientSecret'),
  OPENMBAM_OIDC_REDIRECT_URL: text('/oidc/redirectUrl'),
  OPENMBAM_OIDC_SCOPES: text('/oidc/scopes'),
  OPENMBAM_OIDC_ROLE_CLAIM: text('/oidc/roleClaim'),
  OPENMBAM_OIDC_ROLE_MAPPING: json('/oidc/roleMapping', '{"Helpdesk": ["MBAM Helpdesk Users"]}'),
  OPENMBAM_OIDC_USER_NAME_CLAIM: text('/oidc/userNameClaim'),
  OPENMBAM_OIDC_BUTTON_LABEL: text('/oidc/buttonLabel'),
};
