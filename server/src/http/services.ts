// What the HTTP layer is given: the two databases, the secret sealer, the proof verifier and the config.
// Built once by the server (server.ts) or by a test, and handed to the app as one typed decorator.
import type { ComplianceDatabase } from '../db/compliance-database';
import type { Databases } from '../db/databases';
import type { RecoveryDatabase } from '../db/recovery-database';
import type { Transact } from '../db/transact';
import type { DeviceProofVerifier } from '../devices/device-proof-verifier';
import type { SecretSealer } from '../secrets';
import type { ServerConfig } from '../config/schema';

export interface AppServices {
  config: ServerConfig;
  dbs: Databases;
  sealer: SecretSealer;
  verifier: DeviceProofVerifier;
  /** units of work on each database (group commit on SQLite: db/transact.ts) */
  transact: { recovery: Transact<RecoveryDatabase>; compliance: Transact<ComplianceDatabase> };
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
  interface FastifyRequest {
    /** the exact request body text, for the device proof's body hash */
    rawBody: string | undefined;
  }
}
