// What one wake-up cycle works with. Built fresh each cycle by `Agent`; the modules that enforce, escrow
// and rotate receive it rather than importing anything global.
import type { DeviceCredentials, ServerClient } from '../client/server-client';
import type { Platform } from '../platform/platform';
import type { EffectivePolicy } from '../policy/effective-policy';
import type { Spool } from '../escrow/spool';
import type { Logger } from './log';
import type { StateStore } from './state-store';

/**
 * Test seam for crash injection: called at named points between steps. A hook that throws `InjectedCrash`
 * ends the cycle as a crash would: no handler catches it and nothing after it runs.
 */
export type FaultHook = (point: string) => void;

export class InjectedCrash extends Error {
  constructor(readonly point: string) {
    super(`injected crash at ${point}`);
    this.name = 'InjectedCrash';
  }
}

export interface CycleContext {
  readonly platform: Platform;
  readonly store: StateStore;
  readonly client: ServerClient;
  readonly log: Logger;
  readonly now: () => Date;
  readonly device: DeviceCredentials;
  readonly policy: EffectivePolicy;
  readonly spool: Spool;
  /** `{volume}/{protector}` pairs the server confirmed holding during this cycle */
  readonly escrowed: Set<string>;
  /** set when the server could not be reached: the rest of the cycle makes no further calls */
  offline: boolean;
  /** the server said this device is revoked */
  revoked: boolean;
  readonly fault: FaultHook;
}

export const protectorKey = (volumeId: string, protectorId: string): string => `${volumeId}/${protectorId}`;

/** The volume id a `protectorKey` was made from. */
export const volumeOfProtectorKey = (key: string): string => key.slice(0, key.indexOf('/'));
