// Column types that mean the same thing in every dialect we serve. Migrations use these so one
// migration file creates equivalent tables on SQLite, PostgreSQL and SQL Server.
// Timestamps are ISO-8601 UTC strings (sortable, identical in every driver); flags are 0/1 integers.
import type { Kysely, RawBuilder } from 'kysely';
import { MssqlAdapter, PostgresAdapter, SqliteAdapter, sql } from 'kysely';
import type { DialectName } from './connection';

type DataType = RawBuilder<unknown>;

export interface ColumnTypes {
  /** short keyed text (ids, names): indexable everywhere (SQL Server cannot index nvarchar(max)) */
  key: (length: number) => DataType;
  text: DataType;
  blob: DataType;
  timestamp: DataType;
  integer: DataType;
  bigint: DataType;
}

export function dialectOf(db: Kysely<unknown>): DialectName {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof MssqlAdapter) return 'mssql';
  throw new Error(`Unsupported database adapter ${adapter.constructor.name}`);
}

export function columnTypes(db: Kysely<unknown>): ColumnTypes {
  const dialect = dialectOf(db);
  const raw = (type: string): DataType => sql.raw(type);
  return {
    key: (length) => raw(dialect === 'mssql' ? `nvarchar(${length})` : `varchar(${length})`),
    text: raw(dialect === 'mssql' ? 'nvarchar(max)' : 'text'),
    blob: raw(dialect === 'sqlite' ? 'blob' : dialect === 'postgres' ? 'bytea' : 'varbinary(max)'),
    timestamp: raw('varchar(32)'),
    integer: raw(dialect === 'mssql' ? 'int' : 'integer'),
    bigint: raw('bigint'),
  };
}
