// Writes a command's whole output (a Central Store, a GPO backup, imported definitions) or nothing: a
// refused or failed write leaves the output folder exactly as it was, old files included. The files are
// checked first (a file where a folder is needed, a folder where a file goes), then written next to their
// targets under temporary names, then renamed into place; any failure undoes every step taken.
import { mkdirSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { PolicyUserError } from '../errors';

export interface OutputFile {
  /** Path relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly bytes: Buffer | string;
}

/** Where the files go, for messages: the flag that named the folder and an example of a good value. */
export interface OutputTarget {
  readonly flag: string;
  readonly example: string;
}

const statOrUndefined = (p: string): Stats | undefined => {
  try {
    return statSync(p);
  } catch (e) {
    // ENOTDIR: a file stands where a parent folder should be; missingFolders names it.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
};

function refuse(target: OutputTarget, file: string, what: string, cause?: unknown): never {
  throw new PolicyUserError(
    `cannot write the output of ${target.flag}: ${what}`,
    {
      file,
      rule: 'output',
      expected:
        'a folder that is missing or writable, with no folder where a file goes and no file where a folder goes',
      example: target.example,
    },
    { cause },
  );
}

/** The folders from `dir` down to each file's folder that do not exist yet, parents first. */
function missingFolders(dir: string, paths: readonly string[], target: OutputTarget): string[] {
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (folder: string): void => {
    if (seen.has(folder)) return;
    seen.add(folder);
    const parent = dirname(folder);
    if (parent !== folder) visit(parent);
    const st = statOrUndefined(folder);
    if (st === undefined) missing.push(folder);
    else if (!st.isDirectory()) refuse(target, folder, `${folder} is a file, and a folder is needed there`);
  };
  for (const p of paths) visit(dirname(p));
  return missing;
}

/** Writes every file under `dir`, all or nothing; returns the absolute paths written. */
export function writeAllOrNothing(dir: string, files: readonly OutputFile[], target: OutputTarget): string[] {
  const paths = files.map((f) => join(dir, ...f.path.split('/')));
  const created: string[] = [];
  const temps: string[] = [];
  const committed: { path: string; backup?: string }[] = [];
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  let current = dir;
  try {
    for (const p of paths) {
      current = p;
      if (statOrUndefined(p)?.isDirectory())
        refuse(target, p, `${p} is a folder, and the file ${relative(dir, p) || p} goes there`);
    }
    current = dir;
    for (const folder of missingFolders(dir, paths, target)) {
      current = folder;
      mkdirSync(folder);
      created.push(folder);
    }
    files.forEach((f, i) => {
      current = paths[i] ?? dir;
      const temp = `${current}.${tag}.tmp`;
      writeFileSync(temp, f.bytes, { flag: 'wx' });
      temps.push(temp);
    });
    paths.forEach((p, i) => {
      current = p;
      const backup = statOrUndefined(p) ? `${p}.${tag}.old` : undefined;
      if (backup) renameSync(p, backup);
      committed.push({ path: p, backup });
      renameSync(temps[i] ?? '', p);
    });
  } catch (e) {
    undo(committed, temps, created);
    if (e instanceof PolicyUserError) throw e;
    refuse(target, current, `${current}: ${(e as Error).message}`, e);
  }
  for (const c of committed) if (c.backup) tryTo(() => unlinkSync(c.backup ?? ''));
  return paths;
}

function tryTo(f: () => void): void {
  try {
    f();
  } catch {
    // best effort: undoing must go on for the other files
  }
}

function undo(
  committed: readonly { path: string; backup?: string }[],
  temps: readonly string[],
  created: readonly string[],
): void {
  for (const c of [...committed].reverse()) {
    const backup = c.backup;
    tryTo(() => (backup ? renameSync(backup, c.path) : unlinkSync(c.path)));
  }
  for (const t of temps) tryTo(() => unlinkSync(t));
  for (const d of [...created].reverse()) tryTo(() => rmdirSync(d));
}
