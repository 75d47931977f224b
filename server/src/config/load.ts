// Configuration comes from, in increasing precedence: defaults, a JSON file (--config), environment
// variables (OPENMBAM_*), and command-line flags. It is validated once, at start, with teaching errors
// that name the setting and where it was set, and never show a secret.
import { isAbsolute, join, resolve } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { checkConfig } from './checks';
import { readConfigFile } from './config-file';
import { ENVIRONMENT } from './environment';
import { describeProblem } from './problem';
import { ServerConfig } from './schema';
import { findUnusableText } from '../shared/unusable-text';

export { ENVIRONMENT } from './environment';

export interface ConfigOverrides {
  configFile?: string;
  dataDir?: string;
  port?: number;
  host?: string;
}

/** The settings merged with defaults: each must be an object when given, or the merge would hide it. */
const SECTIONS = ['databases', 'sessions', 'oidc', 'keyEncryptionKey', 'tls'] as const;

/** Where each setting came from (JSON path → file, variable or flag), for the error message. */
type Sources = Map<string, string>;

export function loadConfig(
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ServerConfig {
  const sources: Sources = new Map();
  const refuse = (path: string, why: string, value?: unknown): never => {
    throw describeProblem(path, why, sourceOf(sources, path), value, secretsOf(raw));
  };
  let raw: Record<string, unknown> = {};
  if (overrides.configFile) {
    const file = resolve(cwd, overrides.configFile);
    raw = readConfigFile(file);
    for (const key of Object.keys(raw)) sources.set(`/${key}`, file);
    for (const key of SECTIONS) {
      const value = raw[key];
      if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
        refuse(`/${key}`, 'expected an object of settings', value);
      }
    }
  }
  applyEnvironment(raw, env, sources, refuse);
  if (overrides.dataDir !== undefined) set(raw, '/dataDir', overrides.dataDir, sources, '--data-dir');
  if (overrides.port !== undefined) set(raw, '/port', overrides.port, sources, '--port');
  if (overrides.host !== undefined) set(raw, '/host', overrides.host, sources, '--host');

  const unusable = findUnusableText(raw);
  if (unusable) refuse(unusable.path, unusable.why);
  if (typeof raw.dataDir === 'string' && raw.dataDir.trim() === '') {
    refuse('/dataDir', 'expected a folder, not blank text', raw.dataDir);
  }

  const dataDir = resolve(cwd, typeof raw.dataDir === 'string' ? raw.dataDir : '.data');
  const keyEncryptionKey = section(raw, 'keyEncryptionKey');
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
  const first = Value.Errors(ServerConfig, config).First();
  if (first) refuse(first.path || '/', schemaProblem(first, config), first.value);
  checkConfig(config as ServerConfig, refuse);
  return config as ServerConfig;
}

function applyEnvironment(
  raw: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  sources: Sources,
  refuse: (path: string, why: string) => never,
): void {
  const given = (name: string) => env[name] !== undefined && env[name] !== '';
  if (given('OPENMBAM_KEY_FILE') && (given('OPENMBAM_KEY_VAULT_KEY') || given('OPENMBAM_KEY_VAULT_URL'))) {
    sources.set('/keyEncryptionKey', 'OPENMBAM_KEY_FILE and OPENMBAM_KEY_VAULT_*');
    refuse(
      '/keyEncryptionKey',
      'OPENMBAM_KEY_FILE chooses the local key file and OPENMBAM_KEY_VAULT_* choose Azure Key Vault; set one of them',
    );
  }
  // a provider from the environment replaces the file's, rather than mixing with it
  if (given('OPENMBAM_KEY_FILE')) raw.keyEncryptionKey = { provider: 'local-key-file' };
  if (given('OPENMBAM_KEY_VAULT_KEY')) {
    const { vaultUrl } = section(raw, 'keyEncryptionKey');
    raw.keyEncryptionKey = { provider: 'azure-key-vault', ...(vaultUrl === undefined ? {} : { vaultUrl }) };
  }
  for (const [name, setting] of Object.entries(ENVIRONMENT)) {
    const value = env[name];
    if (value !== undefined && value !== '')
      set(raw, setting.path, setting.parse(name, value), sources, name);
  }
}

function set(raw: Record<string, unknown>, path: string, value: unknown, sources: Sources, source: string) {
  const [key, inner] = path.slice(1).split('/') as [string, string | undefined];
  if (inner === undefined) raw[key] = value;
  else section(raw, key)[inner] = value;
  sources.set(path, source);
}

function section(c: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = c[key];
  if (existing && typeof existing === 'object' && !Array.isArray(existing)) {
    return existing as Record<string, unknown>;
  }
  const created: Record<string, unknown> = {};
  c[key] = created;
  return created;
}

/** Who set the setting at `path`: the nearest enclosing setting given, or every one given inside it. */
function sourceOf(sources: Sources, path: string): string | undefined {
  for (let p = path; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const exact = sources.get(p);
    if (exact) return exact;
    const inside = new Set([...sources].filter(([q]) => q.startsWith(`${p}/`)).map(([, source]) => source));
    if (inside.size > 0) return [...inside].join(' and ');
  }
  return undefined;
}

/** The client secret and database passwords, so that no message can show them. */
function secretsOf(raw: Record<string, unknown>): string[] {
  const secrets: string[] = [];
  const oidc = raw.oidc as Record<string, unknown> | undefined;
  if (typeof oidc?.clientSecret === 'string') secrets.push(oidc.clientSecret);
  const databases = raw.databases as Record<string, unknown> | undefined;
  for (const value of [databases?.recovery, databases?.compliance]) {
    if (typeof value === 'string' && URL.canParse(value)) {
      const { password } = new URL(value);
      if (password) secrets.push(password, decodeURIComponent(password));
    }
  }
  return secrets;
}

/** TypeBox says "Expected union value" for the key provider; say what each provider needs instead. */
function schemaProblem(first: { path: string; message: string }, config: Record<string, unknown>): string {
  if (first.path !== '/keyEncryptionKey') return first.message;
  const kek = config.keyEncryptionKey as Record<string, unknown>;
  return kek.provider === 'azure-key-vault'
    ? 'Azure Key Vault needs {"provider": "azure-key-vault", "vaultUrl": "https://<vault>.vault.azure.net", "keyName": "<letters, digits and dashes>"} and nothing else'
    : kek.provider === 'local-key-file' || kek.provider === undefined
      ? 'the local key file needs {"provider": "local-key-file", "keyFile": "<path>"} and nothing else'
      : 'expected provider "local-key-file" or "azure-key-vault"';
}
