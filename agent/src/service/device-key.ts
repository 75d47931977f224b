// The device key: an ECDSA P-256 pair made on first start, kept in the state directory (owner-only file;
// DPAPI-sealed on Windows), and the device id the server gave at enrollment. The key pair is saved
// before enrollment, so a crash during enrollment does not lose the key the server may already know.
import { createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { DeviceCredentials } from '../client/server-client';
import type { Logger } from './log';
import { readState, type StateStore } from './state-store';

export interface SecretProtector {
  readonly kind: 'none' | 'dpapi';
  protect(plain: string): Promise<string>;
  unprotect(sealed: string): Promise<string>;
}

/** No sealing beyond the file's owner-only permissions (Linux, tests, the simulator). */
export const noProtection: SecretProtector = {
  kind: 'none',
  protect: async (s) => s,
  unprotect: async (s) => s,
};

const DeviceRecord = Type.Object({
  version: Type.Literal(1),
  protection: Type.Union([Type.Literal('none'), Type.Literal('dpapi')]),
  /** the private JWK, sealed by `protection` */
  key: Type.String({ minLength: 1 }),
  deviceId: Type.Optional(Type.String({ minLength: 1 })),
});

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface DeviceKey {
  readonly privateKey: KeyObject;
  readonly publicJwk: PublicJwk;
  readonly deviceId: string | undefined;
}

const NAME = 'device';

export async function loadOrCreateDeviceKey(
  store: StateStore,
  protector: SecretProtector,
  log: Logger,
): Promise<DeviceKey> {
  const record = await readState(store, NAME, DeviceRecord, (p) => log.error('state.corrupt', p));
  if (record) {
    const jwk = JSON.parse(
      record.protection === 'dpapi' ? await protector.unprotect(record.key) : record.key,
    ) as JsonWebKey;
    const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    return { privateKey, publicJwk: publicOf(jwk), deviceId: record.deviceId };
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  await store.write(NAME, {
    version: 1,
    protection: protector.kind,
    key: await protector.protect(JSON.stringify(jwk)),
  });
  log.info('device.key_created', 'Created the device key (ECDSA P-256).', { protection: protector.kind });
  return { privateKey, publicJwk: publicOf(jwk), deviceId: undefined };
}

export async function saveDeviceId(store: StateStore, deviceId: string, log: Logger): Promise<void> {
  const record = await readState(store, NAME, DeviceRecord, (p) => log.error('state.corrupt', p));
  if (!record) throw new Error('the device key disappeared before the device id could be saved');
  await store.write(NAME, { ...record, deviceId });
}

export function credentialsOf(key: DeviceKey): DeviceCredentials | undefined {
  return key.deviceId ? { deviceId: key.deviceId, privateKey: key.privateKey } : undefined;
}

function publicOf(jwk: JsonWebKey): PublicJwk {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y)
    throw new Error('the device key is not an EC P-256 key');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}
