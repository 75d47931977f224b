// The local key file: where the default provider keeps its key encryption keys.
//
//   {"version":1,"currentKeyId":"kek-20250101T120000Z-1a2b3c4d","keys":{"kek-20250101T120000Z-1a2b3c4d":"<base64, 32 bytes>"}}
//
// Owner-only (0600, directory 0700): it protects every recovery password. It is written only by
// create-on-first-use and by rotation, each as a complete new file (temporary file, fsync, then
// link/rename), so a reader never sees half a file and a running server can re-read it at any time.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { DATA_KEY_BYTES } from './kek-provider';
import { secretUnavailable } from './errors';

export interface KeyFileContents {
  currentKeyId: string;
  /** key id → 32-byte key */
  keys: Map<string, Buffer>;
}

/** What identifies one version of the file on disk; a rotation (rename) changes the inode. */
export interface KeyFileStamp {
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
}

const FILE_VERSION = 1;
const KEY_ID = /^[A-Za-z0-9._-]{1,100}$/;
const EXAMPLE =
  '{"version":1,"currentKeyId":"kek-20250101T120000Z-1a2b3c4d","keys":{"kek-20250101T120000Z-1a2b3c4d":"<base64 of 32 random bytes>"}}';
// Mode bits are not meaningful on Windows; there the file inherits the directory's ACL.
const CHECK_MODE = process.platform !== 'win32';

export function newKeyId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `kek-${stamp}-${randomBytes(4).toString('hex')}`;
}

export function stampsEqual(a: KeyFileStamp, b: KeyFileStamp): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/**
 * Synchronous on purpose: it runs on every wrap, and a stat of one local file takes ~3 µs, while
 * fs.promises.stat costs 40-140 µs here (a thread-pool round trip) and halved seal throughput.
 */
export function statKeyFile(file: string): KeyFileStamp {
  try {
    const s = statSync(file, { bigint: true });
    return { ino: s.ino, size: s.size, mtimeNs: s.mtimeNs };
  } catch (cause) {
    throw secretUnavailable(
      `The key file ${file} cannot be read any more (${(cause as NodeJS.ErrnoException).code ?? 'error'}). ` +
        `It holds the key encryption keys that protect every stored recovery secret: restore it from backup ` +
        `before escrowing more keys.`,
      cause,
    );
  }
}

function malformed(file: string, reason: string): Error {
  // The JSON parser's own message quotes file content (key material), so it is never chained.
  return secretUnavailable(
    `The key file ${file} is not a valid OpenMBAM key file: ${reason}. Expected JSON such as ${EXAMPLE}. ` +
      `Restore the file from backup; do not edit it by hand.`,
  );
}

function parse(file: string, text: string): KeyFileContents {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw malformed(file, 'it is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw malformed(file, 'it is not an object');
  const o = raw as Record<string, unknown>;
  if (o.version !== FILE_VERSION) throw malformed(file, `"version" must be ${FILE_VERSION}`);
  if (typeof o.keys !== 'object' || o.keys === null || Array.isArray(o.keys)) {
    throw malformed(file, '"keys" must be an object of key id → base64 key');
  }
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(o.keys)) {
    if (!KEY_ID.test(id))
      throw malformed(file, `key id "${id.slice(0, 40)}" uses characters other than A-Z a-z 0-9 . _ -`);
    const key = typeof value === 'string' ? Buffer.from(value, 'base64') : undefined;
    if (!key || key.length !== DATA_KEY_BYTES || key.toString('base64') !== value) {
      throw malformed(file, `keys["${id}"] is not the base64 form of ${DATA_KEY_BYTES} bytes`);
    }
    keys.set(id, key);
  }
  if (typeof o.currentKeyId !== 'string' || !keys.has(o.currentKeyId)) {
    throw malformed(file, '"currentKeyId" must name one of the keys');
  }
  return { currentKeyId: o.currentKeyId, keys };
}

function serialise(contents: KeyFileContents): string {
  const keys: Record<string, string> = {};
  for (const [id, key] of contents.keys) keys[id] = key.toString('base64');
  return `${JSON.stringify({ version: FILE_VERSION, currentKeyId: contents.currentKeyId, keys }, null, 2)}\n`;
}

/** Read and check the key file; `undefined` when it does not exist. Refuses group/world-accessible files. */
export async function readKeyFile(
  file: string,
): Promise<{ contents: KeyFileContents; stamp: KeyFileStamp } | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw secretUnavailable(
      `Cannot open the key file ${file} (${code ?? 'error'}). It must be a regular file (not a symbolic link) ` +
        `owned by the account that runs OpenMBAM, with mode 0600.`,
      cause,
    );
  }
  try {
    const s = await handle.stat({ bigint: true });
    if (!s.isFile()) throw malformed(file, 'it is not a regular file');
    const mode = Number(s.mode & 0o777n);
    if (CHECK_MODE && (mode & 0o077) !== 0) {
      throw secretUnavailable(
        `The key file ${file} is accessible to group or others (mode 0${mode.toString(8)}); expected 0600. ` +
          `It holds the key encryption keys that protect every recovery secret, so OpenMBAM refuses to use it. ` +
          `Fix: chmod 600 '${file}' (and find out who could have copied it; if in doubt, rotate with ` +
          `"openmbam keys rotate-kek").`,
      );
    }
    const text = await handle.readFile('utf8');
    return { contents: parse(file, text), stamp: { ino: s.ino, size: s.size, mtimeNs: s.mtimeNs } };
  } finally {
    await handle.close();
  }
}

/** Write `contents` to a fresh 0600 temporary file beside `file` and fsync it; returns its path. */
async function writeTemporary(file: string, contents: KeyFileContents): Promise<string> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(serialise(contents), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the new directory entry durable; not supported everywhere (Windows), so best effort.
  try {
    const d = await fs.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* best effort */
  }
}

/** Create the key file with one new key unless it exists (another process may win the race: then nothing is written). */
export async function createKeyFileIfAbsent(file: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const id = newKeyId();
  const contents: KeyFileContents = { currentKeyId: id, keys: new Map([[id, randomBytes(DATA_KEY_BYTES)]]) };
  const tmp = await writeTemporary(file, contents);
  try {
    await fs.link(tmp, file); // fails with EEXIST instead of overwriting a file someone else created
    await syncDirectory(dir);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
  } finally {
    for (const key of contents.keys.values()) key.fill(0);
    await fs.rm(tmp, { force: true });
  }
}

/**
 * Add a new key to the key file and make it current; old keys stay so existing data keys still unwrap.
 * A running server notices the new file on its next wrap. Returns the previous and the new key id.
 */
export async function rotateLocalKeyFile(
  file: string,
): Promise<{ previousKeyId: string; currentKeyId: string }> {
  const lock = `${file}.lock`;
  try {
    await fs.writeFile(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
  } catch (cause) {
    throw secretUnavailable(
      `Another rotation of ${file} seems to be running (the lock file ${lock} exists). Two rotations at once ` +
        `could lose a key. If no rotation is running (it crashed), delete ${lock} and try again.`,
      cause,
    );
  }
  try {
    const read = await readKeyFile(file);
    if (!read) {
      throw secretUnavailable(
        `There is no key file at ${file} to rotate. The server creates it on first start; check that this ` +
          `is the key file the server is configured with.`,
      );
    }
    const { contents } = read;
    const previousKeyId = contents.currentKeyId;
    const id = newKeyId();
    contents.keys.set(id, randomBytes(DATA_KEY_BYTES));
    contents.currentKeyId = id;
    const tmp = await writeTemporary(file, contents);
    try {
      await fs.rename(tmp, file);
      await syncDirectory(path.dirname(file));
    } finally {
      for (const key of contents.keys.values()) key.fill(0);
      await fs.rm(tmp, { force: true });
    }
    return { previousKeyId, currentKeyId: id };
  } finally {
    await fs.rm(lock, { force: true });
  }
}
