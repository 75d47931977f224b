// The dialect matrix (style.md §3): every data-layer test loops over these. SQL Server cannot run
// here; its SQL is checked through the compiled statements instead (db/migration-sql.test.ts).
import type { Kysely } from 'kysely';
import type { TestDialect } from './server';

export const TEST_DIALECTS: TestDialect[] = (process.env.OPENMBAM_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is TestDialect => d === 'sqlite' || d === 'postgres');

/** Row counts of every table of a database: "nothing was written" is "no count changed". */
export async function rowCounts<DB>(db: Kysely<DB>, tables: string[]): Promise<Record<string, number>> {
  const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await raw
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Every table of a database as it is now, so a test that watches "all tables" sees new ones too. */
export async function tableNames<DB>(db: Kysely<DB>): Promise<string[]> {
  return (await db.introspection.getTables()).map((t) => t.name);
}
