// Envelope encryption of recovery secrets (DESIGN.md "Data"): every secret gets a fresh random
// 256-bit data key, AES-256-GCM with associated data that names the record, and the data key is
// wrapped by the provider's key encryption key. Rotating the KEK re-wraps data keys only.
//
// No cache of unwrapped data keys: opening a secret is rare (a help desk disclosure), each record
// has its own data key (a cache would only hit on the same record), and a local unwrap costs
// microseconds (see the throughput note in secret-sealer.test.ts). Fewer copies of keys in memory.
import { randomBytes } from 'node:crypto';
import { InternalError } from '../errors';
import { gcmOpen, gcmSeal } from './envelope';
import { DATA_KEY_BYTES, type KeyEncryptionKeyProvider, type SealedSecret } from './kek-provider';

const SECRET_CONTEXT = 'openmbam/secret:';

function checkAssociatedData(associatedData: string): void {
  if (typeof associatedData !== 'string' || associatedData.length === 0) {
    throw new InternalError(
      'associatedData must name the record the secret belongs to, e.g. ' +
        '"recovery-password:{device}:{volume}:{protector}"; got an empty value',
    );
  }
}

export class SecretSealer {
  readonly #provider: KeyEncryptionKeyProvider;

  constructor(provider: KeyEncryptionKeyProvider) {
    this.#provider = provider;
  }

  /** seal with a fresh random 256-bit data key; `associatedData` binds the record (e.g. "recovery-password:{device}:{volume}:{protector}") */
  async seal(plaintext: Uint8Array | string, associatedData: string): Promise<SealedSecret> {
    checkAssociatedData(associatedData);
    const dataKey = randomBytes(DATA_KEY_BYTES);
    const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    try {
      const ciphertext = gcmSeal(dataKey, bytes, SECRET_CONTEXT + associatedData);
      const { kekId, wrappedKey } = await this.#provider.wrapKey(dataKey);
      return { ciphertext, wrappedKey, kekId };
    } finally {
      dataKey.fill(0);
      // Our own UTF-8 copy of a string secret; a caller's Uint8Array is left alone.
      if (typeof plaintext === 'string') bytes.fill(0);
    }
  }

  /** Throws SecretIntegrityError if tampered / wrong associated data, UserError secret_unavailable if the KEK is unreachable. */
  async open(sealed: SealedSecret, associatedData: string): Promise<Uint8Array> {
    checkAssociatedData(associatedData);
    const dataKey = await this.#provider.unwrapKey(sealed.kekId, sealed.wrappedKey);
    try {
      return gcmOpen(
        dataKey,
        sealed.ciphertext,
        SECRET_CONTEXT + associatedData,
        'ciphertext-not-authentic',
        'The sealed secret',
      );
    } finally {
      dataKey.fill(0);
    }
  }

  /** re-wrap the data key under the provider's current KEK; returns null when already current. Never touches the ciphertext. */
  async rewrap(
    sealed: Pick<SealedSecret, 'wrappedKey' | 'kekId'>,
  ): Promise<{ wrappedKey: Uint8Array; kekId: string } | null> {
    const current = await this.#provider.currentKekId();
    if (sealed.kekId === current) return null;
    const dataKey = await this.#provider.unwrapKey(sealed.kekId, sealed.wrappedKey);
    try {
      return await this.#provider.wrapKey(dataKey);
    } finally {
      dataKey.fill(0);
    }
  }
}
