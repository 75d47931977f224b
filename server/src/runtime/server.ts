// `openmbam serve`: open the services, create the first System Administrator on first start, listen,
// and on SIGTERM/SIGINT stop accepting connections, finish in-flight requests, then close the databases.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { buildApp } from '../app';
import type { ServerConfig } from '../config/schema';
import { type WalCheckpoints, checkpointInBackground } from '../db/wal-checkpoints';
import { purgeExpiredDeviceProofs } from '../devices/device-proof-verifier';
import { loggerOptions } from '../http/logger';
import { ensureFirstAdministrator } from '../people/local-users';
import { type RunningServices, openServices } from './services';

export interface RunningServer {
  app: FastifyInstance;
  services: RunningServices;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(
  config: ServerConfig,
  options: {
    print?: (line: string) => void;
    logDestination?: pino.DestinationStream;
    handleSignals?: boolean;
  } = {},
): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const logger = pino(loggerOptions(config.logLevel), options.logDestination ?? pino.destination(1));
  const services = await openServices(config, {
    onMigration: (step) => logger.info(step, 'migration'),
    onProofWorkerFailure: (err) =>
      logger.warn({ err }, 'device proofs are checked on the event loop: their worker thread failed'),
  });
  let app: FastifyInstance | undefined;
  let firstAdmin: Awaited<ReturnType<typeof ensureFirstAdministrator>>;
  let checkpoints: WalCheckpoints | undefined;
  try {
    const https = config.tls
      ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }
      : null;
    app = await buildApp(services, { logger, https });
    await app.listen({ host: config.host, port: config.port });
    checkpoints = await startWalCheckpoints(services, logger);
    // Last, once the server listens: had anything failed, the one-time password would never be shown
    // and the next start would find an administrator nobody can sign in as.
    firstAdmin = await ensureFirstAdministrator(services.dbs.recovery);
  } catch (error) {
    await checkpoints?.stop();
    await app?.close();
    await services.close();
    throw error;
  }
  const purge = setInterval(() => {
    purgeExpiredDeviceProofs(services.dbs.compliance).catch((err: unknown) =>
      logger.warn({ err }, 'purging used device proofs failed'),
    );
  }, 60_000);
  purge.unref();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const scheme = config.tls ? 'https' : 'http';
  const base =
    config.publicUrl ?? `${scheme}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  print(`OpenMBAM server listening on ${base}`);
  print(`  Help Desk Portal:              ${base}/helpdesk`);
  print(`  Self-Service Portal:           ${base}/selfservice`);
  print(`  Administration:                ${base}/admin`);
  print(`  Client web services (agents):  ${base}/api/v1`);
  print(`  OpenAPI document:              ${base}/api/openapi.json`);
  print(`  Health and readiness:          ${base}/healthz  ${base}/readyz`);
  print(`  Data directory:                ${config.dataDir}`);
  if (firstAdmin) {
    print('');
    print(`First System Administrator created: user "${firstAdmin.userName}"`);
    print(`  one-time password: ${firstAdmin.oneTimePassword}`);
    print('  (shown only now; it must be changed at first sign-in)');
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(purge);
      await app.close(); // waits for in-flight requests
      await checkpoints.stop();
      await services.close();
      logger.flush?.();
    })());

  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        logger.info({ signal }, 'shutting down: finishing in-flight requests');
        stop().then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      });
    }
  }
  return { app, services, url: base.replace(/\/$/, ''), stop };
}

/** Off the event loop, for each SQLite file (db/wal-checkpoints.ts). */
function startWalCheckpoints(services: RunningServices, logger: pino.Logger): Promise<WalCheckpoints> {
  const { dbs } = services;
  return checkpointInBackground(
    (['recovery', 'compliance'] as const).map((role) => ({
      db: dbs[role] as Kysely<unknown>,
      target: dbs.targets[role],
    })),
    {
      onFailure: (err) =>
        logger.warn({ err }, 'WAL checkpoints are back on the event loop: their worker thread failed'),
    },
  );
}
