// Sliding-window rate limits for key lookups, shared by every server instance on the database: one
// row per allowed attempt, per bucket (`user:…`, `address:…`). Frozen: never edit after release.
import type { Kysely } from 'kysely';
import { columnTypes } from '../../column-types';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('rate_limit_events')
    .addColumn('id', t.key(64), (c) => c.primaryKey())
    .addColumn('bucket', t.key(400), (c) => c.notNull())
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_events_bucket_time')
    .on('rate_limit_events')
    .columns(['bucket', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_events').execute();
}
