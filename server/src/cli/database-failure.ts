// A database that cannot be reached or opened is a configuration mistake (a wrong host, password,
// database name or file), not a bug: it gets a teaching message and exit 2 instead of a stack trace.
// The migration runner (db/databases.ts) wraps the driver's error in an InternalError naming the
// database; its cause chain carries the driver's code.
import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import type { ServerConfig } from '../config/schema';
import { parseConnectionString } from '../db/connection';
import { InternalError, UserError } from '../errors';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  // PostgreSQL: bad user or password, no such database
  '28000',
  '28P01',
  '3D000',
  // SQL Server (tedious)
  'ELOGIN',
  'ESOCKET',
  'ETIMEOUT',
  'EINSTLOOKUP',
  // SQLite: not a database file, cannot open, read-only
  'SQLITE_NOTADB',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
]);

export function explainDatabaseFailure(error: unknown): unknown {
  if (!(error instanceof InternalError)) return error;
  const role = /the (recovery|compliance) database/.exec(error.message)?.[1];
  const code = connectionCode(error.cause);
  if (role === undefined || code === undefined) return error;
  return unusableDatabase(role, code, error);
}

/**
 * An existing SQLite file that is not a database (the key file, a typo'd path) fails as the server
 * opens it, before the migration runner could name the database; so it is tried here first.
 */
export function checkSqliteFiles(config: ServerConfig): void {
  for (const role of ['recovery', 'compliance'] as const) {
    const target = parseConnectionString(config.databases[role], `databases.${role}`);
    if (target.dialect !== 'sqlite' || !existsSync(target.path)) continue;
    try {
      const db = new SQLite(target.path, { readonly: true, fileMustExist: true });
      try {
        db.pragma('schema_version');
      } finally {
        db.close();
      }
    } catch (error) {
      const code = connectionCode(error);
      throw code ? unusableDatabase(role, code, error) : error;
    }
  }
}

function unusableDatabase(role: string, code: string, error: unknown): UserError {
  return new UserError(
    'invalid_configuration',
    `Cannot use the ${role} database (databases.${role}): ${code}. Expected a reachable database and a connection string with the right host, port, database name, user and password, or a SQLite file (e.g. sqlite:./data/${role}.db).`,
    { field: `databases.${role}`, cause: error },
  );
}

/** The first known code in the cause chain (and in an AggregateError's errors). */
function connectionCode(error: unknown, depth = 0): string | undefined {
  if (error === null || typeof error !== 'object' || depth > 8) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
  for (const inner of [cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = connectionCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}
