// Identifiers and secrets as Windows makes them: protector ids are `{UPPER-CASE GUID}`, recovery passwords
// are 8 groups of (a 16-bit number × 11), zero-padded to 6 digits (reference/bitlocker-client.md §6.1).
import { randomInt, randomUUID } from 'node:crypto';

export const newGuid = (): string => `{${randomUUID().toUpperCase()}}`;

export const newRecoveryPassword = (): string =>
  Array.from({ length: 8 }, () => String(randomInt(65536) * 11).padStart(6, '0')).join('-');
