// Configuration comes from, in increasing precedence: defaults, a JSON file (--config), environment
// variables (OPENMBAM_*), and command-line flags. It is validated once, at start, with teaching errors.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { UserError, truncateForMessage } from '../errors';
import { ServerConfig } from './schema';

export interface ConfigOverrides {
  configFile?: string;
  dataDir?: string;
  port?: number;
  host?: string;
}

/** Environment variable → where it goes in the config. Documented in the README. */
export const ENVIRONMENT: Record<string, (c: Record<string, unknown>, v: string) => void> = {
  OPENMBAM_DATA_DIR: (c, v) => (c.dataDir = v),
  OPENMBAM_HOST: (c, v) => (c.host = v),
  OPENMBAM_PORT: (c, v) => (c.port = Number(v)),
  OPENMBAM_PUBLIC_URL: (c, v) => (c.publicUrl = v),
  OPENMBAM_TRUST_PROXY: (c, v) => (c.trustProxy = v === 'true' ? true : v === 'false' ? false : v),
  OPENMBAM_RECOVERY_DB: (c, v) => (section(c, 'databases').recovery = v),
  OPENMBAM_COMPLIANCE_DB: (c, v) => (section(c, 'databases').compliance = v),
  OPENMBAM_KEY_FILE: (c, v) => (c.keyEncryptionKey = { provider: 'local-key-file', keyFile: v }),
  OPENMBAM_KEY_VAULT_URL: (c, v) => (section(c, 'keyEncryptionKey').vaultUrl = v),
  OPENMBAM_KEY_VAULT_KEY: (c, v) =>
    Object.assign(section(c, 'keyEncryptionKey'), {
      provider: 'azure-key-vault',
      keyName: v,
      keyFile: undefined,
    }),
  OPENMBAM_TLS_CERT: (c, v) => (section(c, 'tls').certFile = v),
  OPENMBAM_TLS_KEY: (c, v) => (section(c, 'tls').keyFile = v),
  OPENMBAM_LOG_LEVEL: (c, v) => (c.logLevel = v),
  OPENMBAM_SESSION_IDLE_SECONDS: (c, v) => (section(c, 'sessions').idleTimeoutSeconds = Number(v)),
  OPENMBAM_SELFSERVICE_IDLE_SECONDS: (c, v) =>
    (section(c, 'sessions').selfServiceIdleTimeoutSeconds = Number(v)),
  OPENMBAM_SESSION_MAX_SECONDS: (c, v) => (section(c, 'sessions').absoluteTimeoutSeconds = Number(v)),
  OPENMBAM_LOCAL_SIGN_IN: (c, v) => (c.localSignIn = v === 'true' ? true : v === 'false' ? false : v),
  OPENMBAM_OIDC_ISSUER: (c, v) => (section(c, 'oidc').issuer = v),
  OPENMBAM_OIDC_CLIENT_ID: (c, v) => (section(c, 'oidc').clientId = v),
  OPENMBAM_OIDC_CLIENT_SECRET: (c, v) => (section(c, 'oidc').clientSecret = v),
  OPENMBAM_OIDC_REDIRECT_URL: (c, v) => (section(c, 'oidc').redirectUrl = v),
  OPENMBAM_OIDC_SCOPES: (c, v) => (section(c, 'oidc').scopes = v),
  OPENMBAM_OIDC_ROLE_CLAIM: (c, v) => (section(c, 'oidc').roleClaim = v),
  OPENMBAM_OIDC_ROLE_MAPPING: (c, v) =>
    (section(c, 'oidc').roleMapping = parseJsonSetting('OPENMBAM_OIDC_ROLE_MAPPING', v)),
  OPENMBAM_OIDC_USER_NAME_CLAIM: (c, v) => (section(c, 'oidc').userNameClaim = v),
  OPENMBAM_OIDC_BUTTON_LABEL: (c, v) => (section(c, 'oidc').buttonLabel = v),
};

function parseJsonSetting(name: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (cause) {
    throw new UserError(
      'invalid_configuration',
      `${name} must be JSON, e.g. {"Helpdesk": ["MBAM Helpdesk Users"]} (got ${truncateForMessage(value)}).`,
      { field: name, cause },
    );
  }
}

function section(c: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = c[key];
  if (existing && typeof existing === 'object') return existing as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  c[key] = created;
  return created;
}

export function loadConfig(
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ServerConfig {
  const raw: Record<string, unknown> = {};
  if (overrides.configFile) Object.assign(raw, readConfigFile(resolve(cwd, overrides.configFile)));
  for (const [name, apply] of Object.entries(ENVIRONMENT)) {
    const value = env[name];
    if (value !== undefined && value !== '') apply(raw, value);
  }
  if (overrides.dataDir !== undefined) raw.dataDir = overrides.dataDir;
  if (overrides.port !== undefined) raw.port = overrides.port;
  if (overrides.host !== undefined) raw.host = overrides.host;

  const dataDir = resolve(cwd, typeof raw.dataDir === 'string' ? raw.dataDir : '.data');
  const keyEncryptionKey = section(raw, 'keyEncryptionKey');
  if (keyEncryptionKey.keyFile === undefined) delete keyEncryptionKey.keyFile;
  const config = {
    host: '127.0.0.1',
    port: 8080,
    bodyLimitBytes: 64 * 1024,
    statusReportSeconds: 720 * 60,
    logLevel: 'info',
    localSignIn: true,
    ...raw,
    dataDir,
    databases: {
      recovery: `sqlite:${join(dataDir, 'recovery.db')}`,
      compliance: `sqlite:${join(dataDir, 'compliance.db')}`,
      ...section(raw, 'databases'),
    },
    sessions: {
      idleTimeoutSeconds: 15 * 60,
      selfServiceIdleTimeoutSeconds: 5 * 60,
      absoluteTimeoutSeconds: 8 * 3600,
      warningSeconds: 60,
      ...section(raw, 'sessions'),
    },
    ...(raw.oidc
      ? {
          oidc: {
            scopes: 'openid profile email',
            roleClaim: 'groups',
            roleMapping: {},
            userNameClaim: 'preferred_username',
            buttonLabel: 'Sign in with your organization account',
            ...section(raw, 'oidc'),
          },
        }
      : {}),
    keyEncryptionKey: Object.keys(keyEncryptionKey).length
      ? keyEncryptionKey
      : { provider: 'local-key-file', keyFile: join(dataDir, 'kek.json') },
  };
  const kek = config.keyEncryptionKey as Record<string, unknown>;
  if (kek.provider === 'local-key-file' && typeof kek.keyFile === 'string' && !isAbsolute(kek.keyFile)) {
    kek.keyFile = resolve(cwd, kek.keyFile);
  }
  return validate(config);
}

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) {
    throw new UserError(
      'invalid_configuration',
      `Config file ${path} does not exist; expected a JSON file.`,
      {
        field: '--config',
      },
    );
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch (cause) {
    throw new UserError(
      'invalid_configuration',
      `Config file ${path} is not valid JSON: ${(cause as Error).message}. Expected e.g. {"port": 8443, "dataDir": "/var/lib/openmbam"}.`,
      { field: '--config', cause },
    );
  }
  throw new UserError('invalid_configuration', `Config file ${path} must hold a JSON object.`, {
    field: '--config',
  });
}

function validate(config: unknown): ServerConfig {
  const first = Value.Errors(ServerConfig, config).First();
  if (first) {
    const where = first.path || '/';
    throw new UserError(
      'invalid_configuration',
      `Configuration ${where} is invalid: ${first.message} (got ${truncateForMessage(first.value)}).`,
      { field: where },
    );
  }
  return config as ServerConfig;
}
