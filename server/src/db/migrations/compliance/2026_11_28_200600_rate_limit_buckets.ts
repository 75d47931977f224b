// One row per rate-limit bucket, which every check locks (an UPDATE) first, so concurrent checks of
// one bucket run one after the other on PostgreSQL and SQL Server too (under READ COMMITTED they would
// not see each other's uncommitted attempts). Frozen: never edit after release; add a new migration.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('rate_limit_buckets')
    .addColumn('bucket', t.key(400), (c) => c.primaryKey())
    .addColumn('checked_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_buckets').execute();
}
