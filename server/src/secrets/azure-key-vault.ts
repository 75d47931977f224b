// KEK provider backed by Azure Key Vault: the KEK is an RSA key that never leaves the vault; data
// keys are wrapped and unwrapped by the vault (RSA-OAEP-256) with the server's managed identity.
// The kekId stored with each record is the full key version URL, so rotating the key in Key Vault
// (a new version) moves new escrows to it while old versions keep unwrapping.
import type { TokenCredential } from '@azure/identity';
import type { CryptographyClient, KeyClient, KeyClientOptions } from '@azure/keyvault-keys';
import { InternalError } from '../errors';
import { SecretIntegrityError, secretUnavailable } from './errors';
import { DATA_KEY_BYTES, type KeyEncryptionKeyProvider } from './kek-provider';

const ALGORITHM = 'RSA-OAEP-256';
const MAX_CLIENTS = 32;

export interface AzureKeyVaultProviderConfig {
  kind: 'azure-key-vault';
  /** e.g. https://openmbam-prod-kv.vault.azure.net */
  vaultUrl: string;
  /** name of the RSA key in the vault, e.g. "openmbam-kek" */
  keyName: string;
  /** default: ManagedIdentityCredential when `managedIdentityClientId` is set, else DefaultAzureCredential */
  credential?: TokenCredential;
  /** client id of a user-assigned managed identity */
  managedIdentityClientId?: string;
  /** how long the latest key version is reused before asking the vault again (default 60 000 ms) */
  currentKeyCacheMs?: number;
  /** test hook: PEM certificate(s) to trust for the vault endpoint (only this client's connections) */
  caCertificate?: string;
  /** test hook: a local stand-in is not under *.vault.azure.net, so the SDK's challenge check must be off */
  disableChallengeResourceVerification?: boolean;
  /** test hook: SDK retries of 5xx/network errors (default: the SDK's 3) */
  maxRetries?: number;
}

/** The constructors used from @azure/keyvault-keys (imported lazily, see openAzureKeyVaultProvider). */
interface Sdk {
  KeyClient: typeof KeyClient;
  CryptographyClient: typeof CryptographyClient;
}

type Operation = 'get the latest version of' | 'wrap a data key with' | 'unwrap a data key with';

/** Summarise an SDK error without chaining it: RestError keeps the request (bearer token, body with the data key). */
function describe(err: unknown): { status: number | undefined; code: string; text: string } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(err);
  return { status, code, text: message.length > 300 ? `${message.slice(0, 300)}…` : message };
}

export class AzureKeyVaultProvider implements KeyEncryptionKeyProvider {
  readonly kind = 'azure-key-vault' as const;
  readonly #config: AzureKeyVaultProviderConfig;
  readonly #credential: TokenCredential;
  readonly #options: KeyClientOptions;
  readonly #keys: KeyClient;
  readonly #vaultOrigin: string;
  readonly #sdk: Sdk;
  /** kekId → client; bounded (a key has few versions in use) */
  readonly #crypto = new Map<string, CryptographyClient>();
  #current: { kekId: string; until: number } | undefined;
  #closed = false;

  /** Use openAzureKeyVaultProvider(), which validates the configuration and picks the default credential. */
  constructor(config: AzureKeyVaultProviderConfig, credential: TokenCredential, sdk: Sdk) {
    this.#sdk = sdk;
    this.#config = config;
    this.#credential = credential;
    this.#vaultOrigin = new URL(config.vaultUrl).origin;
    this.#options = {
      ...(config.disableChallengeResourceVerification ? { disableChallengeResourceVerification: true } : {}),
      ...(config.caCertificate ? { tlsOptions: { ca: config.caCertificate } } : {}),
      ...(config.maxRetries !== undefined ? { retryOptions: { maxRetries: config.maxRetries } } : {}),
    };
    this.#keys = new sdk.KeyClient(this.#vaultOrigin, credential, this.#options);
  }

  async currentKekId(): Promise<string> {
    this.#assertOpen();
    const now = Date.now();
    if (this.#current && now < this.#current.until) return this.#current.kekId;
    let id: string | undefined;
    try {
      const key = await this.#keys.getKey(this.#config.keyName);
      id = key.id;
      if (key.keyType !== undefined && !String(key.keyType).startsWith('RSA')) {
        throw secretUnavailable(
          `The Key Vault key "${this.#config.keyName}" is of type ${key.keyType}; OpenMBAM wraps data keys with ` +
            `${ALGORITHM} and needs an RSA key (e.g. az keyvault key create --kty RSA --size 3072).`,
        );
      }
    } catch (err) {
      throw this.#failure('get the latest version of', err);
    }
    if (!id) throw new InternalError('Key Vault returned a key without an id');
    this.#current = { kekId: id, until: now + (this.#config.currentKeyCacheMs ?? 60_000) };
    return id;
  }

  async wrapKey(dataKey: Uint8Array): Promise<{ kekId: string; wrappedKey: Uint8Array }> {
    if (dataKey.length !== DATA_KEY_BYTES) {
      throw new InternalError(`data keys are ${DATA_KEY_BYTES} bytes; got ${dataKey.length}`);
    }
    const kekId = await this.currentKekId();
    try {
      const result = await this.#cryptoFor(kekId).wrapKey(ALGORITHM, dataKey);
      return { kekId, wrappedKey: result.result };
    } catch (err) {
      throw this.#failure('wrap a data key with', err, kekId);
    }
  }

  async unwrapKey(kekId: string, wrappedKey: Uint8Array): Promise<Uint8Array> {
    this.#assertOpen();
    this.#checkKekId(kekId);
    let dataKey: Uint8Array;
    try {
      dataKey = (await this.#cryptoFor(kekId).unwrapKey(ALGORITHM, wrappedKey)).result;
    } catch (err) {
      const { status } = describe(err);
      if (status === 400) {
        throw new SecretIntegrityError(
          'wrapped-key-not-authentic',
          `Key Vault could not unwrap the data key with ${kekId} (400): the wrapped key was altered or was ` +
            `wrapped by another key.`,
        );
      }
      throw this.#failure('unwrap a data key with', err, kekId);
    }
    if (dataKey.length !== DATA_KEY_BYTES) {
      dataKey.fill(0);
      throw new SecretIntegrityError(
        'wrapped-key-not-authentic',
        `Key Vault unwrapped a ${dataKey.length}-byte value with ${kekId}; a data key is ${DATA_KEY_BYTES} bytes.`,
      );
    }
    return dataKey;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#crypto.clear();
  }

  #assertOpen(): void {
    if (this.#closed) throw new InternalError('the Azure Key Vault provider was used after close()');
  }

  /** The kekId comes from the database: only ever send the credential to our own vault and key. */
  #checkKekId(kekId: string): void {
    const u = URL.canParse(kekId) ? new URL(kekId) : undefined;
    const parts = u?.pathname.split('/') ?? [];
    const ok =
      u !== undefined &&
      u.origin === this.#vaultOrigin &&
      u.search === '' &&
      u.hash === '' &&
      parts.length === 4 &&
      parts[1] === 'keys' &&
      parts[2] === this.#config.keyName &&
      /^[0-9A-Za-z]+$/.test(parts[3] ?? '');
    if (!ok) {
      throw secretUnavailable(
        `The data key was wrapped with "${kekId.slice(0, 200)}", which is not a version of the configured key ` +
          `${this.#vaultOrigin}/keys/${this.#config.keyName}/{version}. Was the vault or key name changed? ` +
          `Configure the vault and key that wrapped it (local key ids such as "kek-…" belong to the local key file provider).`,
      );
    }
  }

  #cryptoFor(kekId: string): CryptographyClient {
    let client = this.#crypto.get(kekId);
    if (!client) {
      if (this.#crypto.size >= MAX_CLIENTS) this.#crypto.clear();
      client = new this.#sdk.CryptographyClient(kekId, this.#credential, this.#options);
      this.#crypto.set(kekId, client);
    }
    return client;
  }

  #failure(operation: Operation, err: unknown, kekId?: string): Error {
    if (err instanceof Error && (err.name === 'UserError' || err.name === 'SecretIntegrityError')) return err;
    const { status, code, text } = describe(err);
    const target = kekId ?? `${this.#vaultOrigin}/keys/${this.#config.keyName}`;
    const what = `Azure Key Vault could not ${operation} ${target}`;
    let advice: string;
    if (status === 401 || status === 403) {
      advice =
        `The vault refused the server's identity (${status} ${code}). Grant it the "Key Vault Crypto User" role ` +
        `on the vault (keys get, wrapKey, unwrapKey), or check which credential the server uses ` +
        `(managed identity client id, AZURE_* environment variables).`;
    } else if (status === 404) {
      advice = `The vault has no such key or version (404 ${code}). Check the key name; a deleted key version must be recovered.`;
    } else if (status !== undefined && status >= 500) {
      advice = `The vault answered ${status} ${code}; it may be unavailable. Try again later.`;
    } else if (code === 'CredentialUnavailableError' || code === 'AuthenticationError') {
      advice = `No Azure credential could be obtained: ${text}`;
    } else if (status !== undefined) {
      advice = `The vault answered ${status} ${code}.`;
    } else {
      advice = `The vault could not be reached at ${this.#vaultOrigin} (${code}: ${text}). Check the URL, DNS, firewall and TLS.`;
    }
    return secretUnavailable(`${what}. ${advice}`);
  }
}

export async function openAzureKeyVaultProvider(
  config: AzureKeyVaultProviderConfig,
): Promise<AzureKeyVaultProvider> {
  let url: URL | undefined;
  try {
    url = new URL(config.vaultUrl);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || (url.pathname !== '/' && url.pathname !== '')) {
    throw secretUnavailable(
      `The Key Vault URL "${String(config.vaultUrl).slice(0, 200)}" is not a vault URL; expected ` +
        `https://<vault-name>.vault.azure.net (no path).`,
    );
  }
  if (!/^[0-9A-Za-z-]{1,127}$/.test(config.keyName)) {
    throw secretUnavailable(
      `The Key Vault key name "${String(config.keyName).slice(0, 200)}" is not valid; expected 1-127 letters, ` +
        `digits and dashes, e.g. "openmbam-kek".`,
    );
  }
  let credential = config.credential;
  if (!credential) {
    // The Azure SDK is loaded only when configured: local-key-file deployments never need it (and
    // @azure/identity pulls in MSAL). Only packages are imported lazily: a lazily imported module of
    // ours would be a second copy under mocha+tsx (CJS and ESM), breaking `instanceof` on our errors.
    const identity = await import('@azure/identity');
    credential = config.managedIdentityClientId
      ? new identity.ManagedIdentityCredential({ clientId: config.managedIdentityClientId })
      : new identity.DefaultAzureCredential();
  }
  return new AzureKeyVaultProvider(config, credential, await import('@azure/keyvault-keys'));
}
