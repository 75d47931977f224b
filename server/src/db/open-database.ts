// Opens one logical database on its dialect. SQLite is the embedded default: WAL, foreign keys on,
// and `synchronous=FULL` for the Recovery Database because an escrow is acknowledged only once it is
// durable; the Compliance Database uses NORMAL (still consistent in WAL; a power cut may lose the
// last status reports, which the agents send again).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, MssqlDialect, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import * as tarn from 'tarn';
import type * as Tedious from 'tedious';
import type { ConnectionTarget } from './connection';

export type DatabaseRole = 'recovery' | 'compliance';

const require = createRequire(import.meta.url);

/** tedious, loaded only for SQL Server: it alone adds a quarter of a second to every command's start. */
export const loadTedious = (): typeof Tedious => require('tedious') as typeof Tedious;

// PostgreSQL returns BIGINT (int8) as a string; our bigints (audit sequence) fit in a double.
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text'),
};

export function openDatabase<DB>(target: ConnectionTarget, role: DatabaseRole): Kysely<DB> {
  switch (target.dialect) {
    case 'sqlite': {
      if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
      const database = new SQLite(target.path);
      database.pragma('journal_mode = WAL');
      database.pragma(`synchronous = ${role === 'recovery' ? 'FULL' : 'NORMAL'}`);
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 5000');
      return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    }
    case 'postgres':
      return new Kysely<DB>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: target.connectionString, max: 10, types: pgTypes }),
        }),
      });
    case 'mssql': {
      const tedious = loadTedious();
      return new Kysely<DB>({
        dialect: new MssqlDialect({
          tarn: { ...tarn, options: { min: 0, max: 10 } },
          tedious: {
            ...tedious,
            connectionFactory: () =>
              new tedious.Connection({
                server: target.server,
                authentication: {
                  type: 'default',
                  options: { userName: target.userName, password: target.password },
                },
                options: {
                  port: target.port,
                  database: target.database,
                  encrypt: target.encrypt,
                  trustServerCertificate: target.trustServerCertificate,
                },
              }),
          },
        }),
      });
    }
  }
}

/**
 * Kysely prepares every SQLite statement anew; preparing costs more than running our small queries.
 * The queries of a server are a small fixed set, so prepared statements are kept by their SQL.
 * (better-sqlite3 is synchronous, so a statement is never in use twice at once; `iterate` is not
 * used by our code.)
 */
function withStatementCache(database: SQLite.Database, limit = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        if (statements.size >= limit) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
