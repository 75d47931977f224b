// An in-memory Windows machine: volumes, TPM, users and registry, whose state moves on with its clock like a
// real one (encryption progresses; a drive is inserted; a user removes a protector). Tests and the fleet
// simulator drive it; the agent sees it only through the `Platform` interface.
import { randomBytes } from 'node:crypto';
import type { EncryptionMethod } from '@openmbam/server/protocol';
import { PlatformError } from '../../errors';
import type {
  LoggedOnUser,
  MachineIdentity,
  Platform,
  RegistryData,
  RegistryKeyValues,
  StartEncryptionOptions,
  TpmState,
  Volume,
} from '../platform';
import { newGuid, newRecoveryPassword } from './random-ids';
import { SimulatedVolume, type SimulatedVolumeSpec } from './volume-state';

export interface SimulatedMachineOptions {
  identity?: Partial<MachineIdentity>;
  tpm?: Partial<TpmState>;
  volumes?: SimulatedVolumeSpec[];
  users?: LoggedOnUser[];
  registry?: Record<string, Record<string, RegistryData>>;
  /** milliseconds since the epoch; defaults to `Date.now` */
  now?: () => number;
  /** conversion speed; default 2 %/min (about an hour for a volume) */
  encryptionPercentPerMinute?: number;
}

type Operation = keyof Platform;

export class SimulatedMachine implements Platform {
  readonly identity: MachineIdentity;
  tpm: TpmState;
  users: LoggedOnUser[];
  readonly volumes = new Map<string, SimulatedVolume>();
  readonly #registry = new Map<string, Record<string, RegistryData>>();
  readonly #now: () => number;
  readonly #rate: number;
  readonly #faults = new Map<Operation, Error[]>();
  /** every state-changing call, for tests: `addRecoveryPasswordProtector {VOL}` … */
  readonly changes: string[] = [];

  constructor(options: SimulatedMachineOptions = {}) {
    // Each simulated machine is its own computer unless a test names it: the server refuses a second
    // enrollment of a known computer without a re-enrollment token.
    const name = options.identity?.computerName ?? `PC-${randomBytes(4).toString('hex').toUpperCase()}`;
    this.identity = {
      computerName: name,
      domain: 'contoso.com',
      fqdn: `${name.toLowerCase()}.contoso.com`,
      osVersion: '10.0.22631',
      manufacturer: 'Contoso',
      model: 'Laptop 7',
      ...options.identity,
    };
    this.tpm = {
      present: true,
      enabled: true,
      activated: true,
      owned: true,
      version: '2.0',
      manufacturer: 'IFX',
      ...options.tpm,
    };
    this.users = options.users ?? [{ name: 'CONTOSO\\alice', session: 'console', exempt: false }];
    this.#now = options.now ?? Date.now;
    this.#rate = options.encryptionPercentPerMinute ?? 2;
    const specs = options.volumes ?? [
      { volumeId: newGuid(), mountPoint: 'C:', driveType: 'OperatingSystem' },
    ];
    for (const spec of specs) this.insertDrive(spec);
    for (const [key, values] of Object.entries(options.registry ?? {})) this.setRegistry(key, values);
  }

  // ---- test controls -------------------------------------------------------------------------------

  insertDrive(spec: SimulatedVolumeSpec): SimulatedVolume {
    const v = new SimulatedVolume(spec);
    v.progressAt = this.#now();
    this.volumes.set(v.volumeId, v);
    return v;
  }
  removeDrive(volumeId: string): void {
    this.volumes.delete(volumeId);
  }
  setRegistry(key: string, values: Record<string, RegistryData> | null): void {
    if (values === null) this.#registry.delete(key.toLowerCase());
    else this.#registry.set(key.toLowerCase(), { ...values });
  }
  /** The next call of `operation` throws `error` instead of acting. */
  failNext(
    operation: Operation,
    error: Error = new PlatformError('platform_operation_failed', `simulated failure of ${operation}`),
  ): void {
    this.#faults.set(operation, [...(this.#faults.get(operation) ?? []), error]);
  }
  /** The recovery password of a protector as it is on the disk (tests compare it with what the server holds). */
  passwordOnDisk(volumeId: string, protectorId: string): string | undefined {
    return this.volumes.get(volumeId)?.protectors.find((p) => p.id === protectorId)?.password;
  }

  // ---- Platform ------------------------------------------------------------------------------------

  async getMachineIdentity(): Promise<MachineIdentity> {
    this.#fault('getMachineIdentity');
    return this.identity;
  }
  async getTpm(): Promise<TpmState> {
    this.#fault('getTpm');
    return this.tpm;
  }
  async getVolumes(): Promise<Volume[]> {
    this.#fault('getVolumes');
    const now = this.#now();
    return [...this.volumes.values()].map((v) => {
      v.advance(now, this.#rate);
      return v.view();
    });
  }
  async getLoggedOnUsers(): Promise<LoggedOnUser[]> {
    this.#fault('getLoggedOnUsers');
    return this.users.map((u) => ({ ...u }));
  }
  async readRegistry(keys: readonly string[]): Promise<Record<string, RegistryKeyValues>> {
    this.#fault('readRegistry');
    return Object.fromEntries(keys.map((k) => [k, this.#registry.get(k.toLowerCase()) ?? null]));
  }
  async getRecoveryPassword(volumeId: string, protectorId: string): Promise<string> {
    this.#fault('getRecoveryPassword');
    const p = this.#volume(volumeId).protectors.find((x) => x.id === protectorId);
    if (p?.password === undefined)
      throw new PlatformError(
        'platform_operation_failed',
        `protector ${protectorId} is not a numerical password of volume ${volumeId}`,
        { hresult: 0x80310033 },
      );
    return p.password;
  }
  async getKeyPackage(volumeId: string, protectorId: string): Promise<string | null> {
    this.#fault('getKeyPackage');
    await this.getRecoveryPassword(volumeId, protectorId);
    return Buffer.from(`key-package:${volumeId}`).toString('base64');
  }
  async getTpmOwnerAuth(): Promise<string | null> {
    this.#fault('getTpmOwnerAuth');
    return null;
  }
  async addRecoveryPasswordProtector(volumeId: string): Promise<string> {
    return this.#addProtector('addRecoveryPasswordProtector', volumeId, 'NumericalPassword');
  }
  async addTpmProtector(volumeId: string): Promise<string> {
    if (!this.tpm.present)
      throw new PlatformError('platform_operation_failed', 'no TPM', { hresult: 0x80310047 });
    return this.#addProtector('addTpmProtector', volumeId, 'Tpm');
  }
  async enableAutoUnlock(volumeId: string): Promise<void> {
    await this.#addProtector('enableAutoUnlock', volumeId, 'ExternalKey');
    this.#volume(volumeId).autoUnlockEnabled = true;
  }
  async deleteKeyProtector(volumeId: string, protectorId: string): Promise<void> {
    this.#change('deleteKeyProtector', volumeId);
    const v = this.#volume(volumeId);
    if (!v.protectors.some((p) => p.id === protectorId))
      throw new PlatformError('platform_operation_failed', `no protector ${protectorId}`, {
        hresult: 0x80310033,
      });
    v.protectors = v.protectors.filter((p) => p.id !== protectorId);
  }
  async startEncryption(volumeId: string, options: StartEncryptionOptions): Promise<void> {
    this.#change('startEncryption', volumeId);
    const v = this.#volume(volumeId);
    if (v.conversionStatus !== 'FullyDecrypted')
      throw new PlatformError('platform_operation_failed', `volume ${volumeId} is ${v.conversionStatus}`, {
        hresult: 0x80310029,
      });
    v.conversionStatus = 'EncryptionInProgress';
    v.encryptionMethod = options.method satisfies EncryptionMethod;
    v.percentage = 0;
  }
  async resumeEncryption(volumeId: string): Promise<void> {
    this.#change('resumeEncryption', volumeId);
    const v = this.#volume(volumeId);
    if (v.conversionStatus === 'EncryptionPaused') v.conversionStatus = 'EncryptionInProgress';
  }
  async resumeProtection(volumeId: string): Promise<void> {
    this.#change('resumeProtection', volumeId);
    this.#volume(volumeId).protectionSuspended = false;
  }

  // ---- internals -----------------------------------------------------------------------------------

  #fault(operation: Operation): void {
    const queue = this.#faults.get(operation);
    const error = queue?.shift();
    if (error) throw error;
  }
  #change(operation: Operation, volumeId: string): void {
    this.#fault(operation);
    this.changes.push(`${operation} ${volumeId}`);
  }
  #volume(volumeId: string): SimulatedVolume {
    const v = this.volumes.get(volumeId);
    if (!v)
      throw new PlatformError('platform_operation_failed', `no volume ${volumeId}`, { hresult: 0x80070002 });
    v.advance(this.#now(), this.#rate);
    if (v.locked)
      throw new PlatformError('platform_operation_failed', `volume ${volumeId} is locked`, {
        hresult: 0x80310000,
      });
    return v;
  }
  #addProtector(
    operation: Operation,
    volumeId: string,
    type: 'NumericalPassword' | 'Tpm' | 'ExternalKey',
  ): string {
    this.#change(operation, volumeId);
    const id = newGuid();
    const password = type === 'NumericalPassword' ? newRecoveryPassword() : undefined;
    this.#volume(volumeId).protectors.push({ id, type, ...(password ? { password } : {}) });
    return id;
  }
}
