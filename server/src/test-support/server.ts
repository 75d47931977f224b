// A real OpenMBAM server on loopback for tests (this package's and the agent's): temporary data
// directory, SQLite or a throwaway PostgreSQL, a random port, and helpers that act as an administrator
// or the help desk would. Everything it starts, `stop()` ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createPostgresDatabase } from '../../../tests/support/postgres';
import { loadConfig } from '../config/load';
import type { ServerConfig } from '../config/schema';
import { createEnrollmentToken } from '../enrollment/tokens';
import { recoveryPasswordAad } from '../escrow/associated-data';
import { markDisclosed } from '../escrow/key-protector-repository';
import { normalizeGuid } from '../protocol';
import { type RunningServer, startServer } from '../runtime/server';
import { isoNow } from '../shared/clock';

export type TestDialect = 'sqlite' | 'postgres';

export interface EscrowedKey {
  machineId: string;
  volumeId: string;
  keyProtectorId: string;
  recoveryPassword: string;
  disclosed: boolean;
  rotated: boolean;
}

export interface TestServer {
  url: string;
  dataDir: string;
  config: ServerConfig;
  /** everything the server logged, as text */
  logs(): string;
  running(): RunningServer;
  createEnrollmentToken(opts?: {
    uses?: number;
    expiresInSeconds?: number;
    allowReenrollment?: boolean;
  }): Promise<string>;
  /** marks a key disclosed, as a help desk recovery would */
  discloseKey(keyProtectorId: string): Promise<void>;
  escrowedKeys(): Promise<EscrowedKey[]>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function testServerConfig(
  dialect: TestDialect = 'sqlite',
  dataDir?: string,
): Promise<ServerConfig> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'openmbam-test-'));
  const env: NodeJS.ProcessEnv = { OPENMBAM_LOG_LEVEL: 'info' };
  if (dialect === 'postgres') {
    env.OPENMBAM_RECOVERY_DB = await createPostgresDatabase('recovery');
    env.OPENMBAM_COMPLIANCE_DB = await createPostgresDatabase('compliance');
  }
  return loadConfig({ dataDir: dir, port: 0 }, env);
}

export async function startTestServer(
  options: { dialect?: TestDialect; config?: ServerConfig } = {},
): Promise<TestServer> {
  const config = options.config ?? (await testServerConfig(options.dialect ?? 'sqlite'));
  let logText = '';
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logText += chunk.toString();
      callback();
    },
  });
  const start = (port: number) =>
    startServer({ ...config, port }, { print: (line) => (logText += `${line}\n`), logDestination });
  let server = await start(0);
  const port = Number(new URL(server.url).port);

  return {
    get url() {
      return server.url;
    },
    dataDir: config.dataDir,
    config,
    logs: () => logText,
    running: () => server,
    async createEnrollmentToken(opts = {}) {
      const { token } = await createEnrollmentToken(server.services.dbs.recovery, {
        uses: opts.uses ?? 1_000_000,
        expiresInSeconds: opts.expiresInSeconds ?? 3600,
        allowReenrollment: opts.allowReenrollment ?? false,
      });
      return token;
    },
    async discloseKey(keyProtectorId) {
      const db = server.services.dbs.recovery;
      const rows = await db
        .selectFrom('key_protectors')
        .select('id')
        .where('key_protector_id', '=', normalizeGuid(keyProtectorId))
        .execute();
      if (rows.length === 0) throw new Error(`discloseKey: ${keyProtectorId} was never escrowed`);
      for (const row of rows) await markDisclosed(db, row.id, isoNow());
    },
    async escrowedKeys() {
      const { dbs, sealer } = server.services;
      const rows = await dbs.recovery
        .selectFrom('key_protectors')
        .innerJoin('volumes', 'volumes.id', 'key_protectors.volume_id')
        .select([
          'key_protectors.machine_id',
          'volumes.volume_guid',
          'key_protectors.key_protector_id',
          'key_protectors.recovery_password_ciphertext',
          'key_protectors.recovery_password_wrapped_key',
          'key_protectors.recovery_password_kek_id',
          'key_protectors.disclosed_at',
          'key_protectors.rotated_at',
        ])
        .orderBy('key_protectors.created_at')
        .execute();
      const keys: EscrowedKey[] = [];
      for (const r of rows) {
        const password = await sealer.open(
          {
            ciphertext: r.recovery_password_ciphertext,
            wrappedKey: r.recovery_password_wrapped_key,
            kekId: r.recovery_password_kek_id,
          },
          recoveryPasswordAad(r.machine_id, r.volume_guid, r.key_protector_id),
        );
        keys.push({
          machineId: r.machine_id,
          volumeId: r.volume_guid,
          keyProtectorId: r.key_protector_id,
          recoveryPassword: Buffer.from(password).toString('utf8'),
          disclosed: r.disclosed_at !== null,
          rotated: r.rotated_at !== null,
        });
      }
      return keys;
    },
    async stop() {
      await server.stop();
    },
    async restart() {
      await server.stop();
      server = await start(port);
    },
  };
}

/** Removes a test server's data directory (SQLite files and key file). */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
