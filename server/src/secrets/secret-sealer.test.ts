import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors';
import { createKeyEncryptionKeyProvider } from './create-provider';
import { SecretIntegrityError } from './errors';
import type { KeyEncryptionKeyProvider, SealedSecret } from './kek-provider';
import { SecretSealer } from './secret-sealer';
import { AAD, PASSWORD, rejection as expectRejection } from './test-support/fixtures';
import { useTempDir } from './test-support/temp-dir';

describe('SecretSealer (local key file)', () => {
  const tmp = useTempDir();
  let provider: KeyEncryptionKeyProvider;
  let sealer: SecretSealer;

  beforeEach(async () => {
    provider = await createKeyEncryptionKeyProvider({
      kind: 'local-key-file',
      keyFile: path.join(tmp.path, 'keys', 'kek.json'),
    });
    sealer = new SecretSealer(provider);
  });
  afterEach(async () => {
    await provider.close();
  });

  it('opens what it sealed, from a string or bytes', async () => {
    const sealed = await sealer.seal(PASSWORD, AAD);
    expect(Buffer.from(await sealer.open(sealed, AAD)).toString('utf8')).to.equal(PASSWORD);
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    expect([...(await sealer.open(await sealer.seal(bytes, AAD), AAD))]).to.deep.equal([...bytes]);
  });

  it('writes a self-describing ciphertext: version, 12-byte IV, ciphertext, 16-byte tag; never the plaintext', async () => {
    const sealed = await sealer.seal(PASSWORD, AAD);
    expect(sealed.ciphertext[0]).to.equal(1);
    expect(sealed.ciphertext.length).to.equal(1 + 12 + Buffer.byteLength(PASSWORD) + 16);
    expect(Buffer.from(sealed.ciphertext).includes(Buffer.from('111111'))).to.equal(false);
    expect(sealed.kekId).to.equal(await provider.currentKekId());
  });

  it('uses a fresh data key and IV per seal', async () => {
    const a = await sealer.seal(PASSWORD, AAD);
    const b = await sealer.seal(PASSWORD, AAD);
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).to.equal(false);
    expect(Buffer.from(a.wrappedKey).equals(Buffer.from(b.wrappedKey))).to.equal(false);
  });

  it('refuses a tampered ciphertext with a SecretIntegrityError', async () => {
    const sealed = await sealer.seal(PASSWORD, AAD);
    for (const index of [13, sealed.ciphertext.length - 1, 5]) {
      const ciphertext = Uint8Array.from(sealed.ciphertext);
      ciphertext[index]! ^= 0x01;
      const err = await expectRejection(sealer.open({ ...sealed, ciphertext }, AAD));
      expect(err).to.be.instanceOf(SecretIntegrityError);
      expect((err as SecretIntegrityError).failure).to.equal('ciphertext-not-authentic');
    }
  });

  it("refuses another record's associated data", async () => {
    const sealed = await sealer.seal(PASSWORD, AAD);
    const err = await expectRejection(sealer.open(sealed, AAD.replace('device-1', 'device-2')));
    expect(err).to.be.instanceOf(SecretIntegrityError);
    expect(err.message).to.not.include(PASSWORD);
  });

  it('refuses a truncated or unknown-version ciphertext as malformed', async () => {
    const sealed = await sealer.seal(PASSWORD, AAD);
    const short = await expectRejection(
      sealer.open({ ...sealed, ciphertext: sealed.ciphertext.subarray(0, 20) }, AAD),
    );
    expect((short as SecretIntegrityError).failure).to.equal('malformed');
    const v2 = Uint8Array.from(sealed.ciphertext);
    v2[0] = 2;
    const version = await expectRejection(sealer.open({ ...sealed, ciphertext: v2 }, AAD));
    expect((version as SecretIntegrityError).failure).to.equal('malformed');
    expect(version.message).to.include('version 2');
  });

  it('refuses a tampered wrapped key', async () => {
    const sealed = await sealer.seal(PASSWORD, AAD);
    const wrappedKey = Uint8Array.from(sealed.wrappedKey);
    wrappedKey[20]! ^= 0x80;
    const err = await expectRejection(sealer.open({ ...sealed, wrappedKey }, AAD));
    expect((err as SecretIntegrityError).failure).to.equal('wrapped-key-not-authentic');
  });

  it('with another key file (wrong KEK) fails with a typed error that names the key id, not the key', async () => {
    const sealed = await sealer.seal(PASSWORD, AAD);
    const other = await createKeyEncryptionKeyProvider({
      kind: 'local-key-file',
      keyFile: path.join(tmp.path, 'other', 'kek.json'),
    });
    try {
      const err = await expectRejection(new SecretSealer(other).open(sealed, AAD));
      expect(err).to.be.instanceOf(UserError);
      expect((err as UserError).code).to.equal('secret_unavailable');
      expect(err.message).to.include(sealed.kekId).and.include('Restore a key file');
    } finally {
      await other.close();
    }
  });

  it('with a KEK of the same id but other key material fails authentication', async () => {
    const sealed: SealedSecret = await sealer.seal(PASSWORD, AAD);
    const file = path.join(tmp.path, 'keys', 'kek.json');
    const forged = JSON.parse(await readFile(file, 'utf8')) as { keys: Record<string, string> };
    forged.keys[sealed.kekId] = Buffer.alloc(32, 7).toString('base64');
    const forgedFile = path.join(tmp.path, 'forged', 'kek.json');
    await createKeyEncryptionKeyProvider({ kind: 'local-key-file', keyFile: forgedFile }).then((p) =>
      p.close(),
    );
    await writeFile(forgedFile, JSON.stringify({ ...forged, currentKeyId: sealed.kekId }), { mode: 0o600 });
    const other = await createKeyEncryptionKeyProvider({ kind: 'local-key-file', keyFile: forgedFile });
    try {
      const err = await expectRejection(new SecretSealer(other).open(sealed, AAD));
      expect((err as SecretIntegrityError).failure).to.equal('wrapped-key-not-authentic');
    } finally {
      await other.close();
    }
  });

  it('refuses an empty associated data (a record must be named)', async () => {
    await expectRejection(sealer.seal(PASSWORD, ''));
  });

  it('rewrap returns null while the KEK is current', async () => {
    expect(await sealer.rewrap(await sealer.seal(PASSWORD, AAD))).to.equal(null);
  });
});
