// A local HTTPS stand-in for Azure Key Vault's keys REST API, enough for @azure/keyvault-keys:
//
// - the bearer challenge: a request without the expected token gets 401 with
//   `WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/{tenant}", resource="https://vault.azure.net"`
// - GET  /keys/{name}[/]                 latest version (key bundle: kid, RSA public JWK, attributes)
// - GET  /keys/{name}/{version}
// - POST /keys/{name}/{version}/wrapkey   {alg:"RSA-OAEP-256", value} → {kid, value}, real RSA-OAEP-SHA256
// - POST /keys/{name}/{version}/unwrapkey
// - every call needs ?api-version=…; errors are {"error":{"code","message"}} as in the service.
//
// `createKeyVersion` is what a rotation in Key Vault does; `setFault` makes every call after the
// challenge fail with a status (401, 403, 500, …) until cleared.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import {
  constants,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './self-signed-certificate';

export const STAND_IN_TENANT = '72f988bf-0000-0000-0000-000000000001';

interface KeyVersion {
  version: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
  created: number;
}

export interface KeyVaultStandIn {
  /** https://127.0.0.1:{port} */
  readonly url: string;
  /** PEM of the stand-in's self-signed certificate, to trust in the client under test */
  readonly caCertificate: string;
  /** a credential whose token the stand-in accepts; records the scopes asked for */
  readonly credential: TokenCredential & { readonly requests: { scopes: string[]; tenantId?: string }[] };
  /** method and path (without query) of every request received */
  readonly log: { method: string; path: string; status: number }[];
  /** add a key (or a new version of it), which becomes its latest version; returns the version URL */
  createKeyVersion(name: string): string;
  /** fail every authenticated request with this status (undefined: stop failing) */
  setFault(status: number | undefined): void;
  close(): Promise<void>;
}

function b64url(data: Uint8Array): string {
  return Buffer.from(data).toString('base64url');
}

export async function startKeyVaultStandIn(): Promise<KeyVaultStandIn> {
  const { cert, key } = selfSignedCertificate();
  const token = `stand-in-${randomBytes(16).toString('hex')}`;
  const keys = new Map<string, KeyVersion[]>();
  const log: KeyVaultStandIn['log'] = [];
  let fault: number | undefined;
  let base = '';

  const kid = (name: string, v: KeyVersion): string => `${base}/keys/${name}/${v.version}`;
  const bundle = (name: string, v: KeyVersion): unknown => {
    const jwk = v.publicKey.export({ format: 'jwk' });
    return {
      key: {
        kid: kid(name, v),
        kty: 'RSA',
        key_ops: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
        n: jwk.n,
        e: jwk.e,
      },
      attributes: {
        enabled: true,
        created: v.created,
        updated: v.created,
        recoveryLevel: 'Recoverable+Purgeable',
        recoverableDays: 90,
      },
    };
  };

  const server = https.createServer({ cert, key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        log.push({ method: req.method ?? '', path: url.pathname, status });
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      const error = (status: number, code: string, message: string): void =>
        send(status, { error: { code, message } });

      if (req.headers.authorization !== `Bearer ${token}`) {
        send(
          401,
          { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } },
          {
            'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/${STAND_IN_TENANT}", resource="https://vault.azure.net"`,
          },
        );
        return;
      }
      if (!url.searchParams.get('api-version')) {
        error(400, 'BadParameter', 'The api-version query parameter is required.');
        return;
      }
      if (fault !== undefined) {
        const codes: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 429: 'Throttled' };
        const headers: Record<string, string> =
          fault === 401
            ? {
                'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/${STAND_IN_TENANT}", resource="https://vault.azure.net", error="invalid_token"`,
              }
            : {};
        log.push({ method: req.method ?? '', path: url.pathname, status: fault });
        res.writeHead(fault, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(
          JSON.stringify({
            error: { code: codes[fault] ?? 'InternalServerError', message: `stand-in fault ${fault}` },
          }),
        );
        return;
      }

      const [collection, name, version, operation, ...rest] = url.pathname
        .split('/')
        .filter((s) => s.length > 0);
      const versions = name ? keys.get(name) : undefined;
      if (collection !== 'keys' || !name || rest.length > 0) {
        error(404, 'NotFound', 'No such route in the stand-in.');
        return;
      }
      if (!versions || versions.length === 0) {
        error(404, 'KeyNotFound', `A key with (name/id) ${name} was not found in this key vault.`);
        return;
      }
      const v = version ? versions.find((x) => x.version === version) : versions[versions.length - 1];
      if (!v) {
        error(
          404,
          'KeyNotFound',
          `A key with (name/id) ${name}/${version ?? ''} was not found in this key vault.`,
        );
        return;
      }
      if (req.method === 'GET' && operation === undefined) {
        send(200, bundle(name, v));
        return;
      }
      if (req.method !== 'POST' || (operation !== 'wrapkey' && operation !== 'unwrapkey') || !version) {
        error(405, 'MethodNotAllowed', 'The stand-in does not implement this operation.');
        return;
      }
      let body: { alg?: unknown; value?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { alg?: unknown; value?: unknown };
      } catch {
        error(400, 'BadParameter', 'The request body is not JSON.');
        return;
      }
      if (body.alg !== 'RSA-OAEP-256' || typeof body.value !== 'string') {
        error(400, 'BadParameter', 'Expected {"alg":"RSA-OAEP-256","value":"<base64url>"}.');
        return;
      }
      const input = Buffer.from(body.value, 'base64url');
      const rsa = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };
      try {
        const output =
          operation === 'wrapkey'
            ? publicEncrypt({ key: v.publicKey, ...rsa }, input)
            : privateDecrypt({ key: v.privateKey, ...rsa }, input);
        send(200, { kid: kid(name, v), value: b64url(output) });
      } catch {
        error(400, 'BadParameter', 'Decryption failed.');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const requests: { scopes: string[]; tenantId?: string }[] = [];
  const credential = {
    requests,
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      requests.push({
        scopes: Array.isArray(scopes) ? scopes : [scopes],
        ...(options?.tenantId ? { tenantId: options.tenantId } : {}),
      });
      return Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 });
    },
  };

  return {
    url: base,
    caCertificate: cert,
    credential,
    log,
    createKeyVersion(name: string): string {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const v: KeyVersion = {
        version: randomBytes(16).toString('hex'),
        publicKey,
        privateKey,
        created: Math.floor(Date.now() / 1000),
      };
      const list = keys.get(name) ?? [];
      list.push(v);
      keys.set(name, list);
      return kid(name, v);
    },
    setFault(status: number | undefined): void {
      fault = status;
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
