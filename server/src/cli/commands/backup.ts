// `openmbam backup --out DIR`: a consistent copy of both SQLite databases, taken with SQLite's online
// backup while the server keeps serving. The key file is deliberately not copied next to them.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import { type ConnectionTarget, parseConnectionString } from '../../db/connection';
import { UserError, truncateForMessage } from '../../errors';
import { type DataOptions, configFrom, stdout, withDataOptions, withJson } from '../options';

export async function backupDatabases(
  databases: { recovery: string; compliance: string },
  outDir: string,
): Promise<Array<{ database: string; file: string; pages: number }>> {
  // everything is checked before the folder is made or a page copied
  const sources = (['recovery', 'compliance'] as const).map((role) => ({
    role,
    path: sqlitePath(role, parseConnectionString(databases[role], `databases.${role}`)),
  }));
  checkOutDir(outDir, sources);
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const results = [];
  for (const { role, path } of sources) {
    const file = join(outDir, basename(path));
    const source = new SQLite(path, { readonly: true, fileMustExist: true });
    try {
      const { totalPages } = await source.backup(file);
      results.push({ database: role, file, pages: totalPages });
    } finally {
      source.close();
    }
  }
  return results;
}

function sqlitePath(role: 'recovery' | 'compliance', target: ConnectionTarget): string {
  if (target.dialect !== 'sqlite') {
    throw new UserError(
      'invalid_argument',
      `The ${role} database is on ${target.dialect}; back it up with the database's own tools (pg_dump, SQL Server backup).`,
      { field: `databases.${role}` },
    );
  }
  if (!existsSync(target.path)) {
    throw new UserError(
      'invalid_argument',
      `There is no ${role} database at ${truncateForMessage(target.path, 200)}; expected the --data-dir (or --config) of a server that has run.`,
      { field: '--data-dir' },
    );
  }
  return resolve(target.path);
}

/** The copies go to a folder (made if missing) that is not the databases' own: a copy there overwrites them. */
function checkOutDir(outDir: string, sources: Array<{ path: string }>): void {
  const refuse = (why: string): never => {
    throw new UserError(
      'invalid_argument',
      `--out ${why}; expected a folder for the copies, e.g. /var/backups/openmbam (got "${truncateForMessage(outDir)}").`,
      { field: '--out' },
    );
  };
  if (sources.some((s) => dirname(s.path) === outDir)) refuse('is the folder of the databases themselves');
  try {
    if (!statSync(outDir).isDirectory()) refuse('is a file');
  } catch (cause) {
    if (cause instanceof UserError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') refuse(code === 'ENOTDIR' ? 'is inside a file' : `cannot be used (${code})`);
  }
}

export function registerBackupCommand(program: Command): void {
  withJson(withDataOptions(program.command('backup')))
    .description('consistent online copy of both SQLite databases')
    .requiredOption('--out <dir>', 'folder for the copies')
    .action(async (opts: DataOptions & { out: string }) => {
      if (opts.out.trim() === '') {
        throw new UserError(
          'invalid_argument',
          '--out is blank; expected a folder for the copies, e.g. /var/backups/openmbam.',
          {
            field: '--out',
          },
        );
      }
      const config = configFrom(opts);
      const files = await backupDatabases(config.databases, resolve(opts.out));
      if (opts.json) return stdout.json({ files });
      for (const f of files) stdout.line(`${f.database}: ${f.file} (${f.pages} pages)`);
      stdout.line(
        'Back up the key encryption key separately and securely: without it the copies cannot be read.',
      );
    });
}
