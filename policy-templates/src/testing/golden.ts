// Golden-file comparison: `UPDATE_GOLDEN=1` rewrites the files; otherwise every generated file must equal
// its golden copy byte for byte and no golden file may be left over.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'chai';

export interface GoldenFile {
  readonly path: string;
  readonly bytes: Buffer | string;
}

function list(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? list(p) : [p];
  });
}

export function expectGolden(dir: string, files: readonly GoldenFile[]): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.bytes);
    }
    return;
  }
  const expected = list(dir)
    .map((p) => relative(dir, p).split('\\').join('/'))
    .sort();
  expect(
    files.map((f) => f.path).sort(),
    'generated file names vs golden (UPDATE_GOLDEN=1 to refresh)',
  ).to.deep.equal(expected);
  for (const f of files) {
    const golden = readFileSync(join(dir, f.path));
    const actual = Buffer.isBuffer(f.bytes) ? f.bytes : Buffer.from(f.bytes, 'utf8');
    expect(
      actual.equals(golden),
      `${f.path} differs from its golden copy (UPDATE_GOLDEN=1 to refresh)`,
    ).to.equal(true);
  }
}

/** Writes generated files to a fresh temporary folder and returns their absolute paths. */
export function writeAll(dir: string, files: readonly GoldenFile[]): string[] {
  return files.map((f) => {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
    return p;
  });
}
