// startServer creates the first System Administrator only once it listens, so its one-time password
// is always printed: a start that fails (here, a port in use) leaves no administrator behind.
import { createServer } from 'node:net';
import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { testServerConfig } from '../test-support/server';
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
