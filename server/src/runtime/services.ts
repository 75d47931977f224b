// Opens everything the server needs from its configuration: both databases (migrated), the key
// encryption key provider and the sealer built on it.
import type { ServerConfig } from '../config/schema';
import { parseConnectionString } from '../db/connection';
import { type Databases, type MigrationStep, migrateDatabases, openDatabases } from '../db/databases';
import { DeviceProofVerifier } from '../devices/device-proof-verifier';
import { ProofSignatures } from '../devices/proof-signatures';
import type { AppServices } from '../http/services';
import { type KeyEncryptionKeyProvider, SecretSealer, createKeyEncryptionKeyProvider } from '../secrets';
import { createTransact } from '../db/transact';

export function openConfiguredDatabases(config: ServerConfig): Databases {
  return openDatabases({
    recovery: parseConnectionString(config.databases.recovery, 'databases.recovery'),
    compliance: parseConnectionString(config.databases.compliance, 'databases.compliance'),
  });
}

export async function openKeyEncryptionKeyProvider(config: ServerConfig): Promise<KeyEncryptionKeyProvider> {
  const kek = config.keyEncryptionKey;
  return createKeyEncryptionKeyProvider(
    kek.provider === 'local-key-file'
      ? { kind: 'local-key-file', keyFile: kek.keyFile }
      : { kind: 'azure-key-vault', vaultUrl: kek.vaultUrl, keyName: kek.keyName },
  );
}

export interface RunningServices extends AppServices {
  provider: KeyEncryptionKeyProvider;
  close(): Promise<void>;
}

export interface ServiceEvents {
  onMigration?: (step: MigrationStep) => void;
  /** The device proof signature worker failed; proofs are checked on the event loop from now on. */
  onProofWorkerFailure?: (error: Error) => void;
}

export async function openServices(
  config: ServerConfig,
  events: ServiceEvents = {},
): Promise<RunningServices> {
  const dbs = openConfiguredDatabases(config);
  try {
    await migrateDatabases(dbs, events.onMigration ?? (() => {}));
    const provider = await openKeyEncryptionKeyProvider(config);
    const signatures = new ProofSignatures({ onFailure: events.onProofWorkerFailure });
    return {
      config,
      dbs,
      provider,
      sealer: new SecretSealer(provider),
      verifier: new DeviceProofVerifier(dbs.recovery, signatures),
      transact: {
        recovery: createTransact(dbs.recovery, dbs.targets.recovery.dialect),
        compliance: createTransact(dbs.compliance, dbs.targets.compliance.dialect),
      },
      async close() {
        await signatures.close();
        await provider.close();
        await dbs.close();
      },
    };
  } catch (error) {
    await dbs.close();
    throw error;
  }
}
