import { expect } from 'chai';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors';
import { createKeyEncryptionKeyProvider } from './create-provider';
import { rotateLocalKeyFile } from './local-key-file-store';
import { SecretSealer } from './secret-sealer';
import { AAD, PASSWORD, rejection as rejectionOf } from './test-support/fixtures';
import { useTempDir } from './test-support/temp-dir';

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, UserError);

const open = (keyFile: string) => createKeyEncryptionKeyProvider({ kind: 'local-key-file', keyFile });

describe('local key file provider', () => {
  const tmp = useTempDir();
  const keyFile = () => path.join(tmp.path, 'data', 'keys', 'kek.json');

  it('creates the key file 0600 in a directory created 0700, with one current 256-bit key', async () => {
    const provider = await open(keyFile());
    await provider.close();
    expect((await stat(keyFile())).mode & 0o777).to.equal(0o600);
    expect((await stat(path.dirname(keyFile()))).mode & 0o777).to.equal(0o700);
    const json = JSON.parse(await readFile(keyFile(), 'utf8')) as {
      version: number;
      currentKeyId: string;
      keys: Record<string, string>;
    };
    expect(json.version).to.equal(1);
    expect(Object.keys(json.keys)).to.deep.equal([json.currentKeyId]);
    expect(Buffer.from(json.keys[json.currentKeyId]!, 'base64')).to.have.length(32);
  });

  it('reuses an existing key file, and two first starts at once agree on one file', async () => {
    const [a, b] = await Promise.all([open(keyFile()), open(keyFile())]);
    expect(await a.currentKekId()).to.equal(await b.currentKekId());
    const sealed = await new SecretSealer(a).seal(PASSWORD, AAD);
    expect(Buffer.from(await new SecretSealer(b).open(sealed, AAD)).toString()).to.equal(PASSWORD);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a key file readable by group or others, and says how to fix it', async () => {
    await (await open(keyFile())).close();
    const contents = await readFile(keyFile(), 'utf8');
    await chmod(keyFile(), 0o644);
    const err = await rejection(open(keyFile()));
    expect(err.code).to.equal('secret_unavailable');
    expect(err.message).to.include('mode 0644').and.include('chmod 600');
    const key = Object.values((JSON.parse(contents) as { keys: Record<string, string> }).keys)[0]!;
    expect(err.message).to.not.include(key);
    await chmod(keyFile(), 0o640);
    await rejection(open(keyFile()));
  });

  it('refuses a malformed key file without quoting its content', async () => {
    await (await open(keyFile())).close();
    const secretish = 'c2VjcmV0LWxvb2tpbmctYnl0ZXMtdGhhdC1tdXN0LW5vdC1sZWFr';
    await writeFile(keyFile(), `{"version":1,"currentKeyId":"k1","keys":{"k1":"${secretish}"`, {
      mode: 0o600,
    });
    let err = await rejection(open(keyFile()));
    expect(err.message).to.include('not valid JSON').and.include('Expected JSON such as');
    expect(err.message).to.not.include(secretish);

    await writeFile(keyFile(), JSON.stringify({ version: 1, currentKeyId: 'k1', keys: { k1: secretish } }));
    err = await rejection(open(keyFile()));
    expect(err.message).to.include('keys["k1"] is not the base64 form of 32 bytes');
    expect(err.message).to.not.include(secretish);

    await writeFile(
      keyFile(),
      JSON.stringify({ version: 1, currentKeyId: 'k2', keys: { k1: Buffer.alloc(32).toString('base64') } }),
    );
    err = await rejection(open(keyFile()));
    expect(err.message).to.include('"currentKeyId" must name one of the keys');
  });

  it('rotation adds a current key; rewrap moves data keys to it; old and re-wrapped records open', async () => {
    const provider = await open(keyFile());
    const sealer = new SecretSealer(provider);
    const before = await sealer.seal(PASSWORD, AAD);

    const { previousKeyId, currentKeyId } = await rotateLocalKeyFile(keyFile());
    expect(previousKeyId).to.equal(before.kekId);
    expect(currentKeyId).to.not.equal(previousKeyId);
    expect((await stat(keyFile())).mode & 0o777).to.equal(0o600);

    // not re-wrapped yet: still opens with the old key, kept in the file
    expect(Buffer.from(await sealer.open(before, AAD)).toString()).to.equal(PASSWORD);
    const moved = await sealer.rewrap(before);
    expect(moved?.kekId).to.equal(currentKeyId);
    const after = { ...before, ...moved! };
    expect(Buffer.from(after.ciphertext).equals(Buffer.from(before.ciphertext))).to.equal(true);
    expect(Buffer.from(await sealer.open(after, AAD)).toString()).to.equal(PASSWORD);
    expect(await sealer.rewrap(after)).to.equal(null);
    await provider.close();
  });

  it('a running server notices a rotation done by another process, without restart', async () => {
    const server = await open(keyFile());
    const serverSealer = new SecretSealer(server);
    const old = await serverSealer.seal(PASSWORD, AAD);

    // `openmbam keys rotate-kek` in another process: rotate the file, then re-wrap with its own provider
    const { currentKeyId } = await rotateLocalKeyFile(keyFile());
    const cli = await open(keyFile());
    const rewrapped = { ...old, ...(await new SecretSealer(cli).rewrap(old))! };
    await cli.close();

    // the server opens a record wrapped with a key it had not loaded yet …
    expect(Buffer.from(await serverSealer.open(rewrapped, AAD)).toString()).to.equal(PASSWORD);
    // … and new escrows use the new KEK
    expect((await serverSealer.seal(PASSWORD, AAD)).kekId).to.equal(currentKeyId);
    await server.close();
  });

  it('new escrows switch to the rotated key on the next wrap', async () => {
    const server = await open(keyFile());
    await server.currentKekId();
    const { currentKeyId } = await rotateLocalKeyFile(keyFile());
    expect(await server.currentKekId()).to.equal(currentKeyId);
    await server.close();
  });

  it('refuses to rotate while another rotation holds the lock, or a missing file', async () => {
    await (await open(keyFile())).close();
    await writeFile(`${keyFile()}.lock`, '1\n');
    expect((await rejection(rotateLocalKeyFile(keyFile()))).message).to.include('Another rotation');
    expect((await rejection(rotateLocalKeyFile(path.join(tmp.path, 'none.json')))).message).to.include(
      'no key file',
    );
  });

  it('stops wrapping when the key file becomes group-readable while the server runs', async () => {
    const server = await open(keyFile());
    await rotateLocalKeyFile(keyFile());
    await chmod(keyFile(), 0o644);
    expect((await rejection(server.currentKekId())).message).to.include('chmod 600');
    await server.close();
  });
});
