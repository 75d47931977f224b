// What the HTTP layer is given: the two databases, the secret sealer, the proof verifier and the config.
// Built once by the server (server.ts) or by a test, and handed to the app as one typed decorator.
import type { Databases } from '../db/databases';
import type { DeviceProofVerifier } from '../devices/device-proof-verifier';
import type { SecretSealer } from '../secrets';
import type { StatusWriter } from '../status/status-writer';
import type { ServerConfig } from '../config/schema';

export interface AppServices {
  config: ServerConfig;
  dbs: Databases;
  sealer: SecretSealer;
  verifier: DeviceProofVerifier;
  statusWriter: StatusWriter;
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
