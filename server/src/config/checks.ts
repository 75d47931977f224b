// What the schema cannot say: addresses, URLs, connection strings and paths that would otherwise be
// refused only later, by the listener, the database driver or the file system, with a stack trace
// and sometimes after the databases were already migrated.
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseConnectionString } from '../db/connection';
import { truncateForMessage } from '../errors';
import type { ServerConfig } from './schema';

type Refuse = (path: string, why: string) => never;

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
// the names proxy-addr (Fastify's trustProxy) knows besides addresses
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function checkConfig(config: ServerConfig, refuse: Refuse): void {
  if (!isIP(config.host) && !HOST_NAME.test(config.host)) {
    refuse(
      '/host',
      `expected an IP address or a host name such as 127.0.0.1, :: or openmbam.contoso.com (got "${truncateForMessage(config.host)}")`,
    );
  }
  if (typeof config.trustProxy === 'string') {
    for (const entry of config.trustProxy.split(',').map((e) => e.trim())) {
      if (!isProxyAddress(entry)) {
        refuse(
          '/trustProxy',
          `expected true, or proxy addresses and CIDRs separated by commas such as 10.0.0.5,192.168.0.0/16 (got "${truncateForMessage(entry)}")`,
        );
      }
    }
  }
  const urls: Array<[string, string | undefined]> = [
    ['/publicUrl', config.publicUrl],
    ['/oidc/issuer', config.oidc?.issuer],
    ['/oidc/redirectUrl', config.oidc?.redirectUrl],
    [
      '/keyEncryptionKey/vaultUrl',
      config.keyEncryptionKey.provider === 'azure-key-vault' ? config.keyEncryptionKey.vaultUrl : undefined,
    ],
  ];
  for (const [path, value] of urls) {
    if (value !== undefined && !URL.canParse(value))
      refuse(
        path,
        `expected an absolute URL such as https://openmbam.contoso.com (got "${truncateForMessage(value)}")`,
      );
    if (value !== undefined && new URL(value).hostname === '')
      refuse(path, `expected a URL with a host name (got "${truncateForMessage(value)}")`);
  }
  checkPath('/dataDir', config.dataDir, 'directory', refuse);
  for (const role of ['recovery', 'compliance'] as const) {
    // throws its own teaching error, which never shows the connection string (it may hold a password)
    const target = parseConnectionString(config.databases[role], `databases.${role}`);
    if (target.dialect === 'sqlite' && target.path !== ':memory:')
      checkPath(`/databases/${role}`, target.path, 'file', refuse);
  }
  if (config.keyEncryptionKey.provider === 'local-key-file') {
    checkPath('/keyEncryptionKey/keyFile', config.keyEncryptionKey.keyFile, 'file', refuse);
  }
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry) || isIP(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0 || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

/** A path that may not exist yet (it is created), but if it does, it must be of the right kind. */
function checkPath(path: string, value: string, kind: 'file' | 'directory', refuse: Refuse): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(value).isDirectory();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    return refuse(
      path,
      code === 'ENOTDIR'
        ? `expected a path whose folders are folders, but part of "${truncateForMessage(value)}" is a file`
        : `"${truncateForMessage(value)}" cannot be checked (${code ?? (cause as Error).message})`,
    );
  }
  if (isDirectory !== (kind === 'directory')) {
    refuse(
      path,
      `expected ${kind === 'directory' ? 'a folder' : 'a file'}, but "${truncateForMessage(value)}" is ${isDirectory ? 'a folder' : 'a file'}`,
    );
  }
}
