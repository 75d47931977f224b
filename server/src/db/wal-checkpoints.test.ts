// WAL checkpoints off the event loop: a worker thread copies the WAL into the database file while the
// server's connection only checkpoints past a cap; a worker that cannot run hands checkpoints back.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { type Kysely, sql } from 'kysely';
import { runTypeScript } from '../test-support/run-typescript';
import { walAutocheckpointOf } from '../test-support/wal-autocheckpoint';
import { openDatabase } from './open-database';
import {
  type CheckpointResult,
  WAL_PAGES_BEFORE_SERVER_CHECKPOINTS,
  checkpointInBackground,
} from './wal-checkpoints';

interface Db {
  pages: { id: number; filler: string };
}

const PAGE = 4096;
const ROWS = 300; // a page each: far below the server connection's cap, so only the worker copies them

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WAL checkpoints in a worker thread (SQLite)', () => {
  let dir: string;
  let path: string;
  let db: Kysely<Db>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openmbam-wal-'));
    path = join(dir, 'compliance.db');
    db = openDatabase<Db>({ dialect: 'sqlite', path }, 'compliance');
    await sql`create table pages (id integer primary key, filler text not null)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies committed pages into the database file while the server connection checkpoints only past its cap', async () => {
    const results: Array<CheckpointResult & { path: string }> = [];
    const failures: Error[] = [];
    const checkpoints = await checkpointInBackground(
      [{ db: db as Kysely<unknown>, target: { dialect: 'sqlite', path } }],
      { intervalMs: 20, onFailure: (e) => failures.push(e), onCheckpoint: (r) => results.push(r) },
    );
    try {
      expect(await walAutocheckpointOf(db as Kysely<unknown>)).to.equal(WAL_PAGES_BEFORE_SERVER_CHECKPOINTS);
      const sizeBefore = statSync(path).size;
      for (let id = 0; id < ROWS; id++) {
        await db
          .insertInto('pages')
          .values({ id, filler: 'x'.repeat(PAGE - 200) })
          .execute();
      }
      // Without the worker these pages would stay in the WAL: the server connection's cap is far off.
      await until(
        () =>
          statSync(path).size >= sizeBefore + ROWS * PAGE &&
          results.some((r) => r.path === path && r.checkpointed >= ROWS && r.busy === 0),
        'the database file holds the rows and the worker said it copied them',
      );
      expect(failures).to.deep.equal([]);
    } finally {
      await checkpoints.stop();
    }
  });

  it('stops cleanly: once the server connection closes too, the WAL is gone and every row is in the file', async () => {
    const failures: Error[] = [];
    const checkpoints = await checkpointInBackground(
      [{ db: db as Kysely<unknown>, target: { dialect: 'sqlite', path } }],
      { onFailure: (e) => failures.push(e) },
    );
    await db.insertInto('pages').values({ id: 1, filler: 'kept' }).execute();
    await checkpoints.stop();
    await checkpoints.stop(); // a second stop is harmless
    expect(failures).to.deep.equal([]);
    await db.destroy();
    expect(existsSync(`${path}-wal`)).to.equal(false);
    db = openDatabase<Db>({ dialect: 'sqlite', path }, 'compliance');
    expect(await db.selectFrom('pages').select('filler').execute()).to.deep.equal([{ filler: 'kept' }]);
  });

  it('reports a worker that cannot open the file, and leaves checkpoints to the server connection', async () => {
    const failures: Error[] = [];
    const missing = join(dir, 'not-there.db');
    const checkpoints = await checkpointInBackground(
      [{ db: db as Kysely<unknown>, target: { dialect: 'sqlite', path: missing } }],
      { onFailure: (e) => failures.push(e) },
    );
    await until(() => failures.length > 0, 'the failure is reported');
    expect(failures[0]!.message).to.equal(`opening ${missing} failed: unable to open database file`);
    expect(await walAutocheckpointOf(db as Kysely<unknown>)).to.equal(1000); // SQLite's default
    expect(existsSync(missing)).to.equal(false);
    await checkpoints.stop();
  });

  it('hands checkpoints back to the server connection when the worker fails while running', async () => {
    // A stand-in for the worker that starts, then fails as a checkpoint would on a disk I/O error.
    const failing = join(dir, 'failing-worker.mjs');
    writeFileSync(
      failing,
      [
        "import { parentPort } from 'node:worker_threads';",
        "parentPort.postMessage({ kind: 'ready' });",
        "setTimeout(() => { throw new Error('checkpointing failed: disk I/O error'); }, 50);",
      ].join('\n'),
    );
    const failures: Error[] = [];
    const checkpoints = await checkpointInBackground(
      [{ db: db as Kysely<unknown>, target: { dialect: 'sqlite', path } }],
      {
        worker: pathToFileURL(failing),
        onFailure: (e) => failures.push(e),
      },
    );
    await until(() => failures.length > 0, 'the failure is reported');
    expect(failures.map((e) => e.message)).to.deep.equal(['checkpointing failed: disk I/O error']);
    expect(await walAutocheckpointOf(db as Kysely<unknown>)).to.equal(1000); // SQLite's default, from the cap it had
    await checkpoints.stop();
    expect(failures).to.have.length(1);
  });

  it('does not keep a process alive that never stops it', () => {
    const here = (file: string) => JSON.stringify(new URL(file, import.meta.url).href);
    const run = runTypeScript(join(dir, 'never-stops.mts'), [
      `import { openDatabase } from ${here('./open-database.ts')};`,
      `import { checkpointInBackground } from ${here('./wal-checkpoints.ts')};`,
      `const path = ${JSON.stringify(join(dir, 'other.db'))};`,
      "const db = openDatabase({ dialect: 'sqlite', path }, 'compliance');",
      "await db.schema.createTable('t').addColumn('x', 'integer').execute();",
      "await checkpointInBackground([{ db, target: { dialect: 'sqlite', path } }], { onFailure: (e) => console.log(e.message) });",
      "console.log('started');",
    ]);
    expect(run).to.deep.equal({ status: 0, stdout: 'started' });
  });

  it('does nothing for a database that is not a SQLite file', async () => {
    const failures: Error[] = [];
    for (const target of [
      { dialect: 'sqlite' as const, path: ':memory:' },
      { dialect: 'postgres' as const, connectionString: 'postgres://x@127.0.0.1:1/none' },
    ]) {
      const checkpoints = await checkpointInBackground([{ db: db as Kysely<unknown>, target }], {
        onFailure: (e) => failures.push(e),
      });
      await checkpoints.stop();
    }
    expect(failures).to.deep.equal([]);
    expect(await walAutocheckpointOf(db as Kysely<unknown>)).to.equal(1000);
  });
});
