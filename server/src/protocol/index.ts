// The agent ⇄ server protocol v1: schemas, identifiers, recovery password rule and device proof.
export * from './schemas';
export * from './guid';
export * from './recovery-password';
export * from './device-proof';
export const API_PREFIX = '/api/v1';
