// The platform on a real Windows machine: every read and change goes through PowerShell CIM calls on
// Win32_EncryptableVolume / Win32_Tpm, parsed with schemas. Runs as LocalSystem (protector secrets are
// only given to administrators). `run` is the seam tests replace with recorded outputs.
import { isGuid, normalizeGuid } from '@openmbam/server/protocol';
import { PlatformError } from '../../errors';
import { userExemptionValue } from '../../policy/registry-names';
import type {
  LoggedOnUser,
  MachineIdentity,
  Platform,
  RegistryKeyValues,
  StartEncryptionOptions,
  TpmState,
  Volume,
} from '../platform';
import { encryptionMethodNumber } from './enums';
import { parseMachine } from './parse-machine';
import { parseMethodResult, parseOwnerAuth } from './parse-method-result';
import { parseRegistry } from './parse-registry';
import { parseTpm } from './parse-tpm';
import { parseUsers } from './parse-users';
import { parseVolumes } from './parse-volumes';
import { runJson, runWindowsPowerShell, type RunPowerShell } from './powershell';
import * as scripts from './scripts';
import type { MethodArgument, VolumeMethod } from './scripts';

/** EncryptionFlags 0x1: encrypt used space only. */
const USED_SPACE_ONLY = 0x1;
const FRIENDLY_NAME: MethodArgument = { kind: 'text', value: 'OpenMBAM' };

export interface WindowsPlatformOptions {
  run?: RunPowerShell;
  /** called with each record that could not be read and was left out, e.g. one unreadable volume */
  onProblem?: (problem: string) => void;
}

export class WindowsPlatform implements Platform {
  readonly #run: RunPowerShell;
  readonly #onProblem: (problem: string) => void;

  constructor(options: WindowsPlatformOptions = {}) {
    this.#run = options.run ?? runWindowsPowerShell;
    this.#onProblem = options.onProblem ?? (() => {});
  }

  async getMachineIdentity(): Promise<MachineIdentity> {
    return parseMachine(
      await runJson(this.#run, scripts.machineScript, { what: 'read the machine identity' }),
    );
  }
  async getTpm(): Promise<TpmState> {
    return parseTpm(await runJson(this.#run, scripts.tpmScript, { what: 'read the TPM' }));
  }
  async getVolumes(): Promise<Volume[]> {
    const { volumes, problems } = parseVolumes(
      await runJson(this.#run, scripts.volumesScript, { what: 'read BitLocker volumes' }),
    );
    problems.forEach(this.#onProblem);
    return volumes;
  }
  async getLoggedOnUsers(): Promise<LoggedOnUser[]> {
    const exemption = userExemptionValue();
    const script = scripts.usersScript(exemption.key, exemption.valueName);
    return parseUsers(await runJson(this.#run, script, { what: 'read logged-on users' }));
  }
  async readRegistry(keys: readonly string[]): Promise<Record<string, RegistryKeyValues>> {
    const out = await runJson(this.#run, scripts.registryScript(keys), {
      what: 'read policy registry values',
    });
    const { keys: values, problems } = parseRegistry(out, keys);
    problems.forEach(this.#onProblem);
    return values;
  }

  async getRecoveryPassword(volumeId: string, protectorId: string): Promise<string> {
    const r = await this.#call(
      volumeId,
      'GetKeyProtectorNumericalPassword',
      { VolumeKeyProtectorID: guid(protectorId) },
      true,
    );
    if (!r.NumericalPassword)
      throw new PlatformError(
        'platform_unexpected_output',
        `GetKeyProtectorNumericalPassword on ${volumeId} returned no password`,
      );
    return r.NumericalPassword;
  }
  async getKeyPackage(volumeId: string, protectorId: string): Promise<string | null> {
    const r = await this.#call(volumeId, 'GetKeyPackage', { VolumeKeyProtectorID: guid(protectorId) }, true);
    return r.KeyPackage ?? null;
  }
  async getTpmOwnerAuth(): Promise<string | null> {
    const out = await runJson(this.#run, scripts.tpmOwnerAuthScript, {
      what: 'read the TPM owner authorization',
      secret: true,
    });
    // GetOwnerAuth fails when Windows does not hold the owner auth (the normal case since 1607): nothing to escrow.
    return parseOwnerAuth(out);
  }

  async addRecoveryPasswordProtector(volumeId: string): Promise<string> {
    return this.#newProtector(volumeId, 'ProtectKeyWithNumericalPassword', { FriendlyName: FRIENDLY_NAME });
  }
  async addTpmProtector(volumeId: string): Promise<string> {
    return this.#newProtector(volumeId, 'ProtectKeyWithTPM', { FriendlyName: FRIENDLY_NAME });
  }
  async enableAutoUnlock(volumeId: string): Promise<void> {
    const id = await this.#newProtector(volumeId, 'ProtectKeyWithExternalKey', {
      FriendlyName: FRIENDLY_NAME,
    });
    await this.#call(volumeId, 'EnableAutoUnlock', { VolumeKeyProtectorID: guid(id) });
  }
  async deleteKeyProtector(volumeId: string, protectorId: string): Promise<void> {
    await this.#call(volumeId, 'DeleteKeyProtector', { VolumeKeyProtectorID: guid(protectorId) });
  }
  async startEncryption(volumeId: string, options: StartEncryptionOptions): Promise<void> {
    const method = encryptionMethodNumber(options.method);
    if (method === undefined)
      throw new PlatformError('platform_command_failed', `cannot encrypt with method ${options.method}`);
    await this.#call(volumeId, 'Encrypt', {
      EncryptionMethod: { kind: 'uint32', value: method },
      EncryptionFlags: { kind: 'uint32', value: options.usedSpaceOnly ? USED_SPACE_ONLY : 0 },
    });
  }
  async resumeEncryption(volumeId: string): Promise<void> {
    await this.#call(volumeId, 'ResumeConversion');
  }
  async resumeProtection(volumeId: string): Promise<void> {
    await this.#call(volumeId, 'EnableKeyProtectors');
  }

  async #call(
    volumeId: string,
    method: VolumeMethod,
    args: Record<string, MethodArgument> = {},
    secret = false,
  ) {
    const what = `${method} on volume ${volumeId}`;
    const out = await runJson(this.#run, scripts.volumeMethodScript(volumeId, method, args), {
      what,
      secret,
    });
    return parseMethodResult(out, what, { secret });
  }
  async #newProtector(
    volumeId: string,
    method: VolumeMethod,
    args: Record<string, MethodArgument>,
  ): Promise<string> {
    const r = await this.#call(volumeId, method, args);
    const id = r.VolumeKeyProtectorID;
    if (!id)
      throw new PlatformError(
        'platform_unexpected_output',
        `${method} on volume ${volumeId} returned no protector id`,
      );
    // Windows answers the literal "BitLocker" on an un-owned hardware-encryption band: not a protector we can manage.
    if (!isGuid(id))
      throw new PlatformError(
        'platform_unexpected_output',
        `${method} on volume ${volumeId} returned protector id ${JSON.stringify(id)}, expected a {GUID}`,
      );
    return normalizeGuid(id);
  }
}

const guid = (value: string): MethodArgument => ({ kind: 'guid', value });
