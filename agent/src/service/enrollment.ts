// First contact: send the machine's identity and the device public key with the enrollment token from
// the configuration, keep the device id, then remove the token from the configuration.
import type { ServerClient } from '../client/server-client';
import { ServerError } from '../errors';
import type { Platform } from '../platform/platform';
import type { ConfigSource } from './config';
import { saveDeviceId, type DeviceKey } from './device-key';
import type { Logger } from './log';
import type { StateStore } from './state-store';

export type EnrollOutcome = { ok: true; deviceId: string } | { ok: false; outcome: 'offline' | 'unenrolled' };

export async function enroll(deps: {
  platform: Platform;
  client: ServerClient;
  config: ConfigSource;
  /** from the configuration the cycle already loaded */
  enrollmentToken: string | undefined;
  store: StateStore;
  log: Logger;
  key: DeviceKey;
}): Promise<EnrollOutcome> {
  const { log } = deps;
  const token = deps.enrollmentToken;
  if (!token) {
    log.error(
      'enroll.no_token',
      'This device is not enrolled and the configuration has no enrollmentToken; create one with `openmbam token create` and reinstall or add it to the configuration.',
    );
    return { ok: false, outcome: 'unenrolled' };
  }
  const [identity, tpm] = await Promise.all([deps.platform.getMachineIdentity(), deps.platform.getTpm()]);
  try {
    const { deviceId } = await deps.client.enroll({
      enrollmentToken: token,
      machine: {
        ...identity,
        tpm: {
          present: tpm.present,
          ...(tpm.version ? { version: tpm.version } : {}),
          ...(tpm.manufacturer ? { manufacturer: tpm.manufacturer } : {}),
        },
      },
      publicKey: deps.key.publicJwk,
    });
    await saveDeviceId(deps.store, deviceId, log);
    await deps.config.forgetEnrollmentToken();
    log.info(
      'enroll.done',
      `Enrolled as device ${deviceId}; the enrollment token is removed from the configuration.`,
      { deviceId },
    );
    return { ok: true, deviceId };
  } catch (err) {
    if (err instanceof ServerError && err.retryable) {
      log.warn('server.unreachable', `Enrollment waits for the server: ${err.message}`);
      return { ok: false, outcome: 'offline' };
    }
    if (err instanceof ServerError) {
      log.error(
        'enroll.refused',
        `The server refused enrollment: ${err.message} Ask for a new token (\`openmbam token create\`).`,
      );
      return { ok: false, outcome: 'unenrolled' };
    }
    throw err;
  }
}
