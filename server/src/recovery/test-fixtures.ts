// Test data for the recovery services, put in the way production data arrives: a TestDevice enrolls,
// escrows over HTTP and reports its logged-on users with a status report.
import { randomUUID } from 'node:crypto';
import type { TestServer } from '../test-support/server';
import { TestDevice, randomGuid, randomRecoveryPassword, sampleStatus } from '../test-support/test-device';
import { effectiveRateLimits } from '../rate-limit/limits';
import type { RecoveryDeps, Requester } from './requester';

export interface SeededKey {
  keyId: string;
  volumeId: string;
  recoveryPassword: string;
  keyPackage: Buffer;
}

export interface SeededComputer {
  device: TestDevice;
  computerName: string;
  keys: SeededKey[];
  tpmOwnerAuth: string;
}

/** A key protector id that starts with the given 8 hex digits (to make ambiguous prefixes). */
export const guidWithPrefix = (prefix: string): string =>
  `{${prefix.toUpperCase()}${randomUUID().toUpperCase().slice(8)}}`;

export async function seedComputer(
  server: TestServer,
  options: { users: string[]; keyIds?: string[]; tpmOwnerAuth?: boolean; computerName?: string },
): Promise<SeededComputer> {
  const device = await new TestDevice(server.url, options.computerName).init();
  const enrolled = await device.enroll(await server.createEnrollmentToken());
  if (enrolled.status !== 201) throw new Error(`enroll answered ${enrolled.status}`);
  const keys: SeededKey[] = [];
  const tpmOwnerAuth = Buffer.from(randomUUID()).toString('base64');
  for (const [i, keyId] of (options.keyIds ?? [randomGuid()]).entries()) {
    const key = {
      keyId,
      volumeId: randomGuid(),
      recoveryPassword: randomRecoveryPassword(),
      keyPackage: Buffer.from(`key package of ${keyId}`),
    };
    const answer = await device.escrow({
      volumeId: key.volumeId,
      driveType: i === 0 ? 'OperatingSystem' : 'FixedData',
      mountPoint: i === 0 ? 'C:' : `${String.fromCharCode(68 + i - 1)}:`,
      keyProtectorId: key.keyId,
      recoveryPassword: key.recoveryPassword,
      keyPackage: key.keyPackage.toString('base64'),
      ...(i === 0 && options.tpmOwnerAuth !== false ? { tpmOwnerAuth } : {}),
    });
    if (answer.status !== 201) throw new Error(`escrow answered ${answer.status}`);
    keys.push(key);
  }
  const status = await device.status(
    sampleStatus(
      keys.map((k) => ({ volumeId: k.volumeId, keyProtectorId: k.keyId })),
      options.users,
    ),
  );
  if (status.status !== 200) throw new Error(`status answered ${status.status}`);
  return { device, computerName: device.computerName, keys, tpmOwnerAuth };
}

export interface CapturedLog {
  warnings: Array<{ details: object; message: string }>;
  errors: Array<{ details: object; message: string }>;
}

export function depsFor(
  server: TestServer,
  overrides: Partial<RecoveryDeps> = {},
): RecoveryDeps & { captured: CapturedLog } {
  const { dbs, sealer, config } = server.running().services;
  const captured: CapturedLog = { warnings: [], errors: [] };
  return {
    dbs,
    sealer,
    limits: effectiveRateLimits(config.rateLimits),
    log: {
      warn: (details, message) => captured.warnings.push({ details, message }),
      error: (details, message) => captured.errors.push({ details, message }),
    },
    captured,
    ...overrides,
  };
}

export const helpdesk = (userName = 'CONTOSO\\helpdesk1', clientAddress = '192.0.2.1'): Requester => ({
  userName,
  roles: ['Helpdesk'],
  source: 'api',
  clientAddress,
});
export const advanced = (userName = 'CONTOSO\\advanced1', clientAddress = '192.0.2.2'): Requester => ({
  userName,
  roles: ['Advanced Helpdesk'],
  source: 'api',
  clientAddress,
});
export const endUserRequester = (userName: string, clientAddress = '198.51.100.7'): Requester => ({
  userName,
  roles: [],
  source: 'selfservice-portal',
  clientAddress,
});
