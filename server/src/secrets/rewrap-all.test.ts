import { expect } from 'chai';
import path from 'node:path';
import { createKeyEncryptionKeyProvider } from './create-provider';
import type { SealedSecret } from './kek-provider';
import { rotateLocalKeyFile } from './local-key-file-store';
import { rewrapAll } from './rewrap-all';
import { SecretSealer } from './secret-sealer';
import { useTempDir } from './test-support/temp-dir';

describe('rewrapAll (openmbam keys rotate-kek)', () => {
  const tmp = useTempDir();

  it('moves every data key to the current KEK, leaves ciphertexts alone, and skips records changed meanwhile', async () => {
    const keyFile = path.join(tmp.path, 'kek.json');
    const provider = await createKeyEncryptionKeyProvider({ kind: 'local-key-file', keyFile });
    const sealer = new SecretSealer(provider);
    const table = new Map<number, SealedSecret>();
    for (let id = 1; id <= 5; id++) table.set(id, await sealer.seal(`secret-${id}`, `record:${id}`));
    const { currentKeyId } = await rotateLocalKeyFile(keyFile);
    table.set(6, await sealer.seal('secret-6', 'record:6')); // sealed after the rotation

    const result = await rewrapAll({
      sealer,
      records: [...table].map(([id, s]) => ({ id, wrappedKey: s.wrappedKey, kekId: s.kekId })),
      save: (id, previous, next) => {
        const row = table.get(id)!;
        if (id === 3 || row.kekId !== previous.kekId) return Promise.resolve(false); // "changed meanwhile"
        table.set(id, { ...row, ...next });
        return Promise.resolve(true);
      },
    });
    expect(result).to.deep.equal({ examined: 6, rewrapped: 4, alreadyCurrent: 1, skipped: 1, failures: [] });
    for (const [id, sealed] of table) {
      expect(sealed.kekId === currentKeyId).to.equal(id !== 3);
      expect(Buffer.from(await sealer.open(sealed, `record:${id}`)).toString()).to.equal(`secret-${id}`);
    }
    await provider.close();
  });

  it('collects failures instead of stopping when asked', async () => {
    const provider = await createKeyEncryptionKeyProvider({
      kind: 'local-key-file',
      keyFile: path.join(tmp.path, 'k.json'),
    });
    const sealer = new SecretSealer(provider);
    const result = await rewrapAll({
      sealer,
      records: [{ id: 'a', wrappedKey: new Uint8Array(61), kekId: 'kek-unknown' }],
      save: () => Promise.resolve(true),
      stopOnError: false,
    });
    expect(result.failures.map((f) => f.id)).to.deep.equal(['a']);
    await provider.close();
  });
});
