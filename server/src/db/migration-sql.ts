// The SQL each migration sends, for any dialect, without a database: a driver that records the
// compiled statements instead of running them. This is how SQL Server's schema is tested here (no
// SQL Server runs on this machine) and what a DBA reviews with `openmbam migrate --print-sql mssql`.
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  MssqlAdapter,
  MssqlIntrospector,
  MssqlQueryCompiler,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { DialectName } from './connection';
import { MIGRATIONS } from './migrate';
import type { DatabaseRole } from './open-database';

class RecordingDriver implements Driver {
  readonly statements: CompiledQuery[] = [];
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const statements = this.statements;
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        statements.push(query);
        return { rows: [] };
      },
      // eslint-disable-next-line require-yield
      async *streamQuery(): AsyncIterableIterator<QueryResult<never>> {
        throw new Error('streaming is not recorded');
      },
    };
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

const PARTS = {
  sqlite: { adapter: SqliteAdapter, compiler: SqliteQueryCompiler, introspector: SqliteIntrospector },
  postgres: { adapter: PostgresAdapter, compiler: PostgresQueryCompiler, introspector: PostgresIntrospector },
  mssql: { adapter: MssqlAdapter, compiler: MssqlQueryCompiler, introspector: MssqlIntrospector },
} as const;

/** A Kysely instance that compiles for `dialect` and records instead of executing. */
export function recordingKysely<DB>(dialect: DialectName): { db: Kysely<DB>; statements: CompiledQuery[] } {
  const driver = new RecordingDriver();
  const parts = PARTS[dialect];
  const d: Dialect = {
    createAdapter: () => new parts.adapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new parts.compiler(),
    createIntrospector: (db) => new parts.introspector(db),
  };
  return { db: new Kysely<DB>({ dialect: d }), statements: driver.statements };
}

export async function dumpMigrationSql(
  dialect: DialectName,
): Promise<Array<{ database: DatabaseRole; migration: string; statements: string[] }>> {
  const out = [];
  for (const database of ['recovery', 'compliance'] as const) {
    for (const [migration, m] of Object.entries(MIGRATIONS[database]).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const { db, statements } = recordingKysely<unknown>(dialect);
      await m.up(db);
      out.push({ database, migration, statements: statements.map((s) => s.sql) });
    }
  }
  return out;
}
