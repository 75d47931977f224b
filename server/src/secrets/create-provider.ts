// Picks the KEK provider from configuration. The Azure SDK is imported only when configured
// (see openAzureKeyVaultProvider).
import { openAzureKeyVaultProvider, type AzureKeyVaultProviderConfig } from './azure-key-vault';
import type { KeyEncryptionKeyProvider } from './kek-provider';
import { LocalKeyFileProvider } from './local-key-file';

export interface LocalKeyFileProviderConfig {
  kind: 'local-key-file';
  /** path of the key file; created 0600 (directory 0700) on first use */
  keyFile: string;
}

export type KeyEncryptionKeyProviderConfig = LocalKeyFileProviderConfig | AzureKeyVaultProviderConfig;

export async function createKeyEncryptionKeyProvider(
  config: KeyEncryptionKeyProviderConfig,
): Promise<KeyEncryptionKeyProvider> {
  switch (config.kind) {
    case 'local-key-file':
      return LocalKeyFileProvider.open(config.keyFile);
    case 'azure-key-vault':
      return openAzureKeyVaultProvider(config);
  }
}
