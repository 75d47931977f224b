// @openmbam/policy-templates: typed policy definitions and the ADMX/ADML, Registry.pol and GPO backup
// generators. The agent imports `mbamPolicySet` (validated at load) and `mbamRegistryValues()` to learn
// which registry keys and values to read, their types, ranges and defaults. Keep these exports stable.
import { LoadedPolicySet } from './definitions/validate';
import { mbamDefinitions } from './mbam/templates';
import { registryValues, type RegistryValueInfo } from './definitions/registry-values';
import type { PolicyClass } from './definitions/vocabulary';

export type * from './definitions/vocabulary';
export { ELEMENT_KINDS, POLICY_CLASSES } from './definitions/vocabulary';
export { LoadedPolicySet, checkPolicySet, assertPolicySet } from './definitions/validate';
export { registryValues, type RegistryValueInfo } from './definitions/registry-values';
export { MDOP_KEY, FVE_KEY, FVE_SYSTEM_KEY } from './mbam/helpers';
export { MBAM_NAMESPACE, MBAM_USER_NAMESPACE, MBAM_REVISION, mbamDefinitions } from './mbam/templates';
export { POLICY_IDS } from './mbam/ids';
export * from './errors';
export { RegType, type PolRecord, type RegData } from './registry/types';
export { writeRegistryPol, readRegistryPol } from './registry/registry-pol';
export { resolveSettings, type DesiredSettings, type PolicySetting, type SettingValue } from './gpo/settings';
export { settingRecords } from './gpo/records';
export { buildCentralStore, type GeneratedFile } from './writers/central-store';
export { writeGpoBackup, type GpoBackup, type OutputFile } from './gpo/gpo-backup';

/** The MBAM policy set, validated when this module loads (a broken definition fails at import). */
export const mbamPolicySet: LoadedPolicySet = LoadedPolicySet.from(mbamDefinitions, {
  file: 'policy-templates/src/mbam',
});

/** One row per registry value an MBAM policy may write: the agent's reading list. */
export interface MbamRegistryValue extends RegistryValueInfo {
  /** The policy that writes the value. */
  readonly policy: string;
  /** `HKLM` for Machine policies, `HKCU` for User policies. */
  readonly hive: 'HKLM' | 'HKCU';
}

const hiveOf = (c: PolicyClass): 'HKLM' | 'HKCU' => (c === 'User' ? 'HKCU' : 'HKLM');

export function mbamRegistryValues(): MbamRegistryValue[] {
  return mbamPolicySet.policies.flatMap((p) =>
    registryValues(p).map((v) => ({ ...v, policy: p.name, hive: hiveOf(p.class) })),
  );
}
