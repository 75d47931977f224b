// The default KEK provider: AES-256-GCM key wrapping with keys from the local key file.
//
// `openmbam keys rotate-kek` rotates the file from another process while the server runs. The
// server notices without a restart: every wrap stats the file (one synchronous stat, ~3 µs)
// and re-reads it when inode, size or mtime changed; an unwrap naming an unknown key id re-reads too.
import { InternalError } from '../errors';
import { gcmOpen, gcmSeal } from './envelope';
import { secretUnavailable } from './errors';
import { DATA_KEY_BYTES, type KeyEncryptionKeyProvider } from './kek-provider';
import {
  createKeyFileIfAbsent,
  readKeyFile,
  stampsEqual,
  statKeyFile,
  type KeyFileContents,
  type KeyFileStamp,
} from './local-key-file-store';

const WRAP_CONTEXT = 'openmbam/local-kek-wrap:';

interface Loaded {
  contents: KeyFileContents;
  stamp: KeyFileStamp;
}

export class LocalKeyFileProvider implements KeyEncryptionKeyProvider {
  readonly kind = 'local-key-file' as const;
  readonly #file: string;
  #loaded: Loaded;
  #reloading: Promise<void> | undefined;
  #closed = false;

  private constructor(file: string, loaded: Loaded) {
    this.#file = file;
    this.#loaded = loaded;
  }

  /** Open the key file, creating it (0600, directory 0700) with one new key if it does not exist. */
  static async open(file: string): Promise<LocalKeyFileProvider> {
    let loaded = await readKeyFile(file);
    if (!loaded) {
      await createKeyFileIfAbsent(file);
      loaded = await readKeyFile(file);
    }
    if (!loaded) throw new InternalError(`the key file ${file} vanished right after it was created`);
    return new LocalKeyFileProvider(file, loaded);
  }

  async currentKekId(): Promise<string> {
    await this.#refreshIfChanged();
    return this.#loaded.contents.currentKeyId;
  }

  async wrapKey(dataKey: Uint8Array): Promise<{ kekId: string; wrappedKey: Uint8Array }> {
    if (dataKey.length !== DATA_KEY_BYTES) {
      throw new InternalError(`data keys are ${DATA_KEY_BYTES} bytes; got ${dataKey.length}`);
    }
    await this.#refreshIfChanged();
    const { currentKeyId, keys } = this.#loaded.contents;
    const kek = keys.get(currentKeyId);
    if (!kek) throw new InternalError('the current key id is not among the loaded keys');
    return { kekId: currentKeyId, wrappedKey: gcmSeal(kek, dataKey, WRAP_CONTEXT + currentKeyId) };
  }

  async unwrapKey(kekId: string, wrappedKey: Uint8Array): Promise<Uint8Array> {
    this.#assertOpen();
    let kek = this.#loaded.contents.keys.get(kekId);
    if (!kek) {
      // Perhaps rotated by another process since we last looked.
      await this.#refreshIfChanged();
      kek = this.#loaded.contents.keys.get(kekId);
    }
    if (!kek) throw this.#unknownKey(kekId);
    const dataKey = gcmOpen(
      kek,
      wrappedKey,
      WRAP_CONTEXT + kekId,
      'wrapped-key-not-authentic',
      'The wrapped data key',
    );
    if (dataKey.length !== DATA_KEY_BYTES) {
      dataKey.fill(0);
      throw new InternalError(`an unwrapped data key is ${dataKey.length} bytes, expected ${DATA_KEY_BYTES}`);
    }
    return dataKey;
  }

  async close(): Promise<void> {
    await this.#reloading?.catch(() => undefined);
    this.#closed = true;
    for (const key of this.#loaded.contents.keys.values()) key.fill(0);
    this.#loaded.contents.keys.clear();
  }

  #assertOpen(): void {
    if (this.#closed) throw new InternalError('the local key file provider was used after close()');
  }

  #unknownKey(kekId: string): Error {
    const held = [...this.#loaded.contents.keys.keys()].join(', ');
    const hint = kekId.startsWith('https://')
      ? ' It looks like an Azure Key Vault key id: this record was sealed while the server used Azure Key Vault; configure that provider.'
      : ' Was the key file replaced, or restored from a backup older than the key? Restore a key file that holds it.';
    return secretUnavailable(
      `The data key was wrapped with key "${kekId.slice(0, 200)}", which is not in the key file ${this.#file} ` +
        `(it holds: ${held}).${hint}`,
    );
  }

  /** Re-read the file when it changed on disk; concurrent callers share one reload. */
  async #refreshIfChanged(): Promise<void> {
    this.#assertOpen();
    while (this.#reloading) await this.#reloading;
    const stamp = statKeyFile(this.#file);
    if (stampsEqual(stamp, this.#loaded.stamp)) return;
    if (!this.#reloading) {
      this.#reloading = this.#reload().finally(() => {
        this.#reloading = undefined;
      });
    }
    await this.#reloading;
  }

  async #reload(): Promise<void> {
    const next = await readKeyFile(this.#file);
    if (!next) statKeyFile(this.#file); // throws the teaching "cannot be read any more" error
    if (!next) return;
    const previous = this.#loaded;
    this.#loaded = next;
    for (const key of previous.contents.keys.values()) key.fill(0);
  }
}
