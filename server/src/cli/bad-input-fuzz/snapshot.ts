// "Nothing was written": every file under a folder (name and SHA-256) and every row of every table
// of the SQLite databases in it, compared before and after a refused command.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import SQLite from 'better-sqlite3';

export type Snapshot = Record<string, string>;

export function snapshot(dir: string): Snapshot {
  const result: Snapshot = {};
  if (!existsSync(dir)) return result;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path);
    const bytes = readFileSync(path);
    // SQLite's shared-memory index, and an empty log, come and go when a database is only read (the
    // snapshot's own read-only connection leaves them); the rows below tell what changed
    if (name.endsWith('-shm') || (name.endsWith('-wal') && bytes.length === 0)) continue;
    result[name] = createHash('sha256').update(bytes).digest('hex');
    if (name.endsWith('.db')) Object.assign(result, rowsOf(path, name));
  }
  return result;
}

function rowsOf(file: string, name: string): Snapshot {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("select name from sqlite_master where type = 'table' order by name")
      .all();
    const rows: Snapshot = {};
    for (const { name: table } of tables) {
      const all = db.prepare(`select * from "${table}"`).all();
      rows[`${name}#${table}`] = JSON.stringify(all, (_k, v: unknown) =>
        Buffer.isBuffer(v) ? v.toString('base64') : v,
      );
    }
    return rows;
  } finally {
    db.close();
  }
}
