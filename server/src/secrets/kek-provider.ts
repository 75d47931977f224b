// The contract between the envelope (SecretSealer) and whoever holds the key encryption key (KEK).
// The data layer stores `SealedSecret` as three columns; nothing else about the KEK leaks into it.
// DESIGN.md "Data": each secret has its own data key; data keys are wrapped by a KEK from a provider.

/** Holds the key encryption key. Implementations: local key file (default) and Azure Key Vault. */
export interface KeyEncryptionKeyProvider {
  readonly kind: 'local-key-file' | 'azure-key-vault';
  /** id of the KEK new data keys are wrapped with (a local key id, or a Key Vault key version URL) */
  currentKekId(): Promise<string>;
  wrapKey(dataKey: Uint8Array): Promise<{ kekId: string; wrappedKey: Uint8Array }>;
  unwrapKey(kekId: string, wrappedKey: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * A recovery secret at rest. `ciphertext` is self-describing (version byte, IV, AES-256-GCM
 * ciphertext, tag); `wrappedKey` is its data key wrapped by the KEK `kekId`.
 */
export interface SealedSecret {
  ciphertext: Uint8Array;
  wrappedKey: Uint8Array;
  kekId: string;
}

/** Length of every data key and of the local KEKs: AES-256. */
export const DATA_KEY_BYTES = 32;
