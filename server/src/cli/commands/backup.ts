// `openmbam backup --out DIR`: a consistent copy of both SQLite databases, taken with SQLite's online
// backup while the server keeps serving. The key file is deliberately not copied next to them.
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import { parseConnectionString } from '../../db/connection';
import { UserError } from '../../errors';
import { type DataOptions, configFrom, stdout, withDataOptions, withJson } from '../options';

export async function backupDatabases(
  databases: { recovery: string; compliance: string },
  outDir: string,
): Promise<Array<{ database: string; file: string; pages: number }>> {
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const results = [];
  for (const role of ['recovery', 'compliance'] as const) {
    const target = parseConnectionString(databases[role], `databases.${role}`);
    if (target.dialect !== 'sqlite') {
      throw new UserError(
        'invalid_argument',
        `The ${role} database is on ${target.dialect}; back it up with the database's own tools (pg_dump, SQL Server backup).`,
        { field: `databases.${role}` },
      );
    }
    const file = join(outDir, basename(target.path));
    const source = new SQLite(target.path, { readonly: true, fileMustExist: true });
    try {
      const { totalPages } = await source.backup(file);
      results.push({ database: role, file, pages: totalPages });
    } finally {
      source.close();
    }
  }
  return results;
}

export function registerBackupCommand(program: Command): void {
  withJson(withDataOptions(program.command('backup')))
    .description('consistent online copy of both SQLite databases')
    .requiredOption('--out <dir>', 'folder for the copies')
    .action(async (opts: DataOptions & { out: string }) => {
      const config = configFrom(opts);
      const files = await backupDatabases(config.databases, resolve(opts.out));
      if (opts.json) return stdout.json({ files });
      for (const f of files) stdout.line(`${f.database}: ${f.file} (${f.pages} pages)`);
      stdout.line(
        'Back up the key encryption key separately and securely: without it the copies cannot be read.',
      );
    });
}
