// Kysely builds and compiles a query on every call; on the agent's hot path (a status report every
// few minutes from every computer) that was a fifth of the server's CPU. A prepared query is built
// and compiled once per database with named parameters, and each call only fills those in, in the
// order the compiled SQL takes them. The SQL is still Kysely's, so every dialect gets its own.
import { type Compilable, CompiledQuery, type DialectAdapter, type Kysely, type QueryResult } from 'kysely';

/** A stand-in value no caller could pass: the compiled parameters are matched back to names by it. */
const MARK = '\u0000openmbam-parameter:';

export type Param<P> = <K extends keyof P & string>(name: K) => P[K];

interface Shape {
  sql: string;
  /** for each parameter of the compiled SQL: the name to take it from, or a constant of the query */
  parameters: Array<{ name: string } | { constant: unknown }>;
}

export type PreparedQuery<DB, P, R> = (db: Kysely<DB>, params: P) => Promise<QueryResult<R>>;

/**
 * `build` receives the database and `param(name)`, and must use `param` for every value that changes
 * between calls (a value written into the query instead would be fixed at its first call).
 */
export function preparedQuery<DB, P extends Record<string, unknown>, R>(
  build: (db: Kysely<DB>, param: Param<P>) => Compilable<R>,
): PreparedQuery<DB, P, R> {
  // One shape per dialect adapter: a transaction shares its database's adapter, so they share shapes.
  const shapes = new WeakMap<DialectAdapter, Shape>();

  const compile = (db: Kysely<DB>): Shape => {
    const param = ((name: string) => `${MARK}${name}`) as Param<P>;
    const compiled = build(db, param).compile();
    return {
      sql: compiled.sql,
      parameters: compiled.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(MARK)
          ? { name: value.slice(MARK.length) }
          : { constant: value },
      ),
    };
  };

  return async (db, params) => {
    const adapter = db.getExecutor().adapter;
    let shape = shapes.get(adapter);
    if (!shape) {
      shape = compile(db);
      shapes.set(adapter, shape);
    }
    const values = shape.parameters.map((p) => ('name' in p ? params[p.name] : p.constant));
    return db.executeQuery(CompiledQuery.raw(shape.sql, values) as CompiledQuery<R>);
  };
}
