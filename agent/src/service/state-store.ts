// The agent's durable state (device key, escrow spool, rotation journal, bookkeeping): one JSON document
// per name. Files are written atomically (temporary file, fsync, rename, fsync of the directory) with
// owner-only permissions, so a crash leaves either the old or the new document, never half of one.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { PlatformError } from '../errors';

export interface StateStore {
  read(name: string): Promise<unknown>;
  write(name: string, value: unknown): Promise<void>;
  remove(name: string): Promise<void>;
}

const NAME = /^[a-z][a-z0-9-]*$/;

export class FileStateStore implements StateStore {
  readonly #dir: string;
  #ready: Promise<void> | undefined;

  constructor(directory: string) {
    this.#dir = directory;
  }

  async read(name: string): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.#path(name), 'utf8')) as unknown;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new PlatformError('corrupt_state', `Agent state "${name}" in ${this.#dir} cannot be read.`, {
        cause: err,
      });
    }
  }

  async write(name: string, value: unknown): Promise<void> {
    this.#ready ??= mkdir(this.#dir, { recursive: true, mode: 0o700 }).then(() => undefined);
    await this.#ready;
    const target = this.#path(name);
    const temporary = `${target}.${process.pid}.tmp`;
    const file = await open(temporary, 'w', 0o600);
    try {
      await file.writeFile(JSON.stringify(value));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
    const dir = await open(this.#dir, 'r').catch(() => undefined); // Windows cannot open a directory: rename is enough there
    await dir?.sync().catch(() => undefined);
    await dir?.close();
  }

  async remove(name: string): Promise<void> {
    await rm(this.#path(name), { force: true });
  }

  #path(name: string): string {
    if (!NAME.test(name)) throw new PlatformError('corrupt_state', `bad state name ${name}`);
    return join(this.#dir, `${name}.json`);
  }
}

/** For tests and the fleet simulator: survives an agent "restart" as long as the same instance is reused. */
export class MemoryStateStore implements StateStore {
  readonly #data = new Map<string, string>();
  async read(name: string): Promise<unknown> {
    const text = this.#data.get(name);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }
  async write(name: string, value: unknown): Promise<void> {
    this.#data.set(name, JSON.stringify(value));
  }
  async remove(name: string): Promise<void> {
    this.#data.delete(name);
  }
}

/**
 * Reads and checks a document. A document that exists but is unreadable or of the wrong shape is reported
 * through `onCorrupt` and treated as absent: every caller is written so that "absent" is safe.
 */
export async function readState<T extends TSchema>(
  store: StateStore,
  name: string,
  schema: T,
  onCorrupt: (problem: string) => void,
): Promise<Static<T> | undefined> {
  let value: unknown;
  try {
    value = await store.read(name);
  } catch (err) {
    onCorrupt(err instanceof Error ? err.message : String(err));
    return undefined;
  }
  if (value === undefined) return undefined;
  if (Value.Check(schema, value)) return value;
  const first = [...Value.Errors(schema, value)][0];
  onCorrupt(
    `Agent state "${name}" has an unexpected shape (${first?.path ?? '/'} ${first?.message ?? ''}); ignoring it.`,
  );
  return undefined;
}
