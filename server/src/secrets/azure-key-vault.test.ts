import { expect } from 'chai';
import { UserError } from '../errors';
import type { AzureKeyVaultProviderConfig } from './azure-key-vault';
import { createKeyEncryptionKeyProvider } from './create-provider';
import { SecretIntegrityError } from './errors';
import type { KeyEncryptionKeyProvider } from './kek-provider';
import { SecretSealer } from './secret-sealer';
import { AAD, PASSWORD, rejection } from './test-support/fixtures';
import {
  STAND_IN_TENANT,
  startKeyVaultStandIn,
  type KeyVaultStandIn,
} from './test-support/key-vault-stand-in';

const KEY = 'openmbam-kek';

describe('Azure Key Vault provider (against the local stand-in)', () => {
  let vault: KeyVaultStandIn;
  let firstVersion: string;
  const providers: KeyEncryptionKeyProvider[] = [];

  before(async () => {
    vault = await startKeyVaultStandIn();
    firstVersion = vault.createKeyVersion(KEY);
  });
  after(async () => {
    await vault.close();
  });
  afterEach(async () => {
    vault.setFault(undefined);
    await Promise.all(providers.splice(0).map((p) => p.close()));
  });

  function config(overrides: Partial<AzureKeyVaultProviderConfig> = {}): AzureKeyVaultProviderConfig {
    return {
      kind: 'azure-key-vault',
      vaultUrl: vault.url,
      keyName: KEY,
      credential: vault.credential,
      caCertificate: vault.caCertificate,
      disableChallengeResourceVerification: true,
      currentKeyCacheMs: 0,
      maxRetries: 0,
      ...overrides,
    };
  }
  async function open(
    overrides: Partial<AzureKeyVaultProviderConfig> = {},
  ): Promise<KeyEncryptionKeyProvider> {
    const p = await createKeyEncryptionKeyProvider(config(overrides));
    providers.push(p);
    return p;
  }

  it('wraps and unwraps a data key with RSA-OAEP-256 in the vault, after the bearer challenge', async () => {
    const provider = await open();
    expect(provider.kind).to.equal('azure-key-vault');
    const dataKey = new Uint8Array(32).fill(9);
    const { kekId, wrappedKey } = await provider.wrapKey(dataKey);
    expect(kekId).to.equal(firstVersion);
    expect(wrappedKey).to.have.length(256); // RSA-2048
    expect([...(await provider.unwrapKey(kekId, wrappedKey))]).to.deep.equal([...dataKey]);
    expect(vault.log.some((r) => r.status === 401)).to.equal(true);
    expect(
      vault.log.some((r) => r.method === 'POST' && r.path.endsWith('/wrapkey') && r.status === 200),
    ).to.equal(true);
    expect(
      vault.log.some((r) => r.method === 'POST' && r.path.endsWith('/unwrapkey') && r.status === 200),
    ).to.equal(true);
    const request = vault.credential.requests.at(-1);
    expect(request?.scopes).to.deep.equal(['https://vault.azure.net/.default']);
    expect(request?.tenantId).to.equal(STAND_IN_TENANT);
  });

  it('seals and opens recovery secrets', async () => {
    const sealer = new SecretSealer(await open());
    const sealed = await sealer.seal(PASSWORD, AAD);
    expect(Buffer.from(await sealer.open(sealed, AAD)).toString()).to.equal(PASSWORD);
    const err = await rejection(sealer.open(sealed, `${AAD}x`));
    expect(err).to.be.instanceOf(SecretIntegrityError);
  });

  it('a new key version becomes current; rewrap moves data keys to it; both versions still open', async () => {
    const provider = await open();
    const sealer = new SecretSealer(provider);
    const before = await sealer.seal(PASSWORD, AAD);
    const current = await provider.currentKekId();
    expect(before.kekId).to.equal(current);

    const newVersion = vault.createKeyVersion(KEY);
    expect(await provider.currentKekId()).to.equal(newVersion);
    expect(Buffer.from(await sealer.open(before, AAD)).toString()).to.equal(PASSWORD);

    const moved = await sealer.rewrap(before);
    expect(moved?.kekId).to.equal(newVersion);
    const after = { ...before, ...moved! };
    expect(Buffer.from(await sealer.open(after, AAD)).toString()).to.equal(PASSWORD);
    expect(await sealer.rewrap(after)).to.equal(null);
    expect((await sealer.seal(PASSWORD, AAD)).kekId).to.equal(newVersion);
  });

  it('caches the current version for currentKeyCacheMs', async () => {
    const provider = await open({ currentKeyCacheMs: 60_000 });
    const first = await provider.currentKekId();
    vault.createKeyVersion(KEY);
    expect(await provider.currentKekId()).to.equal(first);
  });

  it('refuses a tampered wrapped key as not authentic', async () => {
    const provider = await open();
    const { kekId, wrappedKey } = await provider.wrapKey(new Uint8Array(32));
    const tampered = Uint8Array.from(wrappedKey);
    tampered[0]! ^= 0xff;
    const err = await rejection(provider.unwrapKey(kekId, tampered));
    expect(err).to.be.instanceOf(SecretIntegrityError);
  });

  for (const [status, expected] of [
    [401, 'Key Vault Crypto User'],
    [403, 'Key Vault Crypto User'],
    [500, 'may be unavailable'],
  ] as const) {
    it(`a ${status} from the vault gives a clear secret_unavailable error without key material`, async () => {
      const provider = await open();
      const { kekId, wrappedKey } = await provider.wrapKey(new Uint8Array(32).fill(1));
      vault.setFault(status);
      for (const attempt of [
        provider.wrapKey(new Uint8Array(32).fill(1)),
        provider.unwrapKey(kekId, wrappedKey),
      ]) {
        const err = await rejection(attempt);
        expect(err).to.be.instanceOf(UserError);
        expect((err as UserError).code).to.equal('secret_unavailable');
        expect(err.message).to.include(String(status)).and.include(expected).and.include(KEY);
        expect(err.message).to.not.include(Buffer.from(wrappedKey).toString('base64url'));
        expect(err.cause).to.equal(undefined); // the SDK error holds the request (token, body); never chained
      }
    });
  }

  it('a missing key is a clear 404 error', async () => {
    const err = await rejection((await open({ keyName: 'no-such-key' })).currentKekId());
    expect(err.message).to.include('404').and.include('Check the key name');
  });

  it('does not send the credential to a kekId outside the configured vault and key', async () => {
    const provider = await open();
    const before = vault.log.length;
    for (const kekId of [
      'https://evil.example/keys/openmbam-kek/abc',
      `${vault.url}/keys/other/abc`,
      'kek-20250101T000000Z-00000000',
    ]) {
      const err = await rejection(provider.unwrapKey(kekId, new Uint8Array(256)));
      expect((err as UserError).code).to.equal('secret_unavailable');
    }
    expect(vault.log.length).to.equal(before);
  });

  it('trusts the stand-in certificate only when told to (TLS verification stays on)', async () => {
    const { caCertificate: _, ...rest } = config();
    const provider = await createKeyEncryptionKeyProvider(rest);
    providers.push(provider);
    const err = await rejection(provider.currentKekId());
    expect((err as UserError).code).to.equal('secret_unavailable');
    expect(err.message).to.include('could not be reached');
  });

  it('refuses a non-https vault URL or an invalid key name with a teaching error', async () => {
    expect((await rejection(open({ vaultUrl: 'http://vault.example' }))).message).to.include(
      'https://<vault-name>.vault.azure.net',
    );
    expect((await rejection(open({ keyName: 'bad name' }))).message).to.include('openmbam-kek');
  });
});
