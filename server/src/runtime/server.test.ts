// startServer creates the first System Administrator only once it listens, so its one-time password
// is always printed: a start that fails (here, a port in use) leaves no administrator behind. On
// SQLite it leaves WAL checkpoints to a worker thread, and a stop leaves no WAL behind.
import { createServer } from 'node:net';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import type { Kysely } from 'kysely';
import { WAL_PAGES_BEFORE_SERVER_CHECKPOINTS } from '../db/wal-checkpoints';
import { testServerConfig } from '../test-support/server';
import { walAutocheckpointOf } from '../test-support/wal-autocheckpoint';
import { startServer } from './server';
import { openServices } from './services';

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

async function localUserCount(config: Awaited<ReturnType<typeof testServerConfig>>): Promise<number> {
  const services = await openServices(config);
  try {
    const { n } = await services.dbs.recovery
      .selectFrom('local_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  } finally {
    await services.close();
  }
}

describe('openmbam serve: the first System Administrator', () => {
  it('is created only once the server listens, so a failed start leaves none without a printed password', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (blocker.address() as { port: number }).port;
    const config = { ...(await testServerConfig('sqlite')), port };
    try {
      const printed: string[] = [];
      const failed = await startServer(config, {
        print: (l) => printed.push(l),
        logDestination: silent,
      }).then(
        () => undefined,
        (error: unknown) => error as NodeJS.ErrnoException,
      );
      expect(failed?.code).to.equal('EADDRINUSE');
      expect(printed.join('\n')).not.to.include('one-time password');
      expect(await localUserCount(config)).to.equal(0);

      await new Promise((resolve) => blocker.close(resolve));
      const lines: string[] = [];
      const running = await startServer(config, { print: (l) => lines.push(l), logDestination: silent });
      await running.stop();
      expect(lines.join('\n')).to.match(/First System Administrator created[\s\S]*one-time password: \S+/);
      expect(await localUserCount(config)).to.equal(1);
    } finally {
      blocker.close();
      rmSync(config.dataDir, { recursive: true, force: true });
    }
  });
});

describe('openmbam serve: WAL checkpoints on SQLite', () => {
  it('leaves checkpoints to a worker while serving, and on stop leaves no WAL behind', async () => {
    const config = await testServerConfig('sqlite');
    try {
      const running = await startServer(config, { print: () => {}, logDestination: silent });
      const dbs = running.services.dbs;
      for (const db of [dbs.recovery, dbs.compliance] as const) {
        expect(await walAutocheckpointOf(db as Kysely<unknown>)).to.equal(
          WAL_PAGES_BEFORE_SERVER_CHECKPOINTS,
        );
      }
      const files = readdirSync(config.dataDir).filter((f) => f.endsWith('.db'));
      expect(files).to.have.length(2);
      expect(files.every((f) => existsSync(join(config.dataDir, `${f}-wal`)))).to.equal(true);
      await running.stop();
      // Both the worker's connections and the server's are closed: the last to close removed each WAL.
      expect(readdirSync(config.dataDir).filter((f) => f.endsWith('-wal'))).to.deep.equal([]);
    } finally {
      rmSync(config.dataDir, { recursive: true, force: true });
    }
  });
});
