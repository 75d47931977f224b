// Secrets at rest: envelope encryption of recovery secrets under a key encryption key.
export type { KeyEncryptionKeyProvider, SealedSecret } from './kek-provider';
export { SecretSealer } from './secret-sealer';
export { SecretIntegrityError, type IntegrityFailure } from './errors';
export {
  createKeyEncryptionKeyProvider,
  type KeyEncryptionKeyProviderConfig,
  type LocalKeyFileProviderConfig,
} from './create-provider';
export type { AzureKeyVaultProviderConfig } from './azure-key-vault';
export { rotateLocalKeyFile } from './local-key-file-store';
export { rewrapAll, type RewrapRecord, type RewrapResult } from './rewrap-all';
