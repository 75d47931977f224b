// Stable id registry (style.md §5, Chromium's policies.yaml). Each MBAM policy has a number that never
// changes and is never reused; the generated files list policies in this order. A removed policy's slot
// stays, set to null. Renaming a policy, a value name or an element id breaks deployed GPOs: don't.
import { DefinitionError } from '../errors';

export const POLICY_IDS: readonly (string | null)[] = [
  /* 0 */ null, // reserved
  /* 1 */ 'BLEncryptionMethodPolicy',
  /* 2 */ 'BLEncryptionMethodWithXts_Name',
  /* 3 */ 'NoOverwritePolicy',
  /* 4 */ 'ScCompliancePolicy',
  /* 5 */ 'UidPolicy',
  /* 6 */ 'BMSClientConfigureCheckIntervalPolicy',
  /* 7 */ 'BMSUserExemptionPolicy',
  /* 8 */ 'CEIPPolicy',
  /* 9 */ 'MoreInfoUrlPolicy',
  /* 10 */ 'TPMLockoutAutoResetPolicy',
  /* 11 */ 'BMSOSDEncryptionPolicy',
  /* 12 */ 'EnhancedPIN',
  /* 13 */ 'OSRecoveryUsage_Name',
  /* 14 */ 'OSPassphrase',
  /* 15 */ 'PlatformValidation_Deprecated_Name',
  /* 16 */ 'PlatformValidation_BIOS_Name',
  /* 17 */ 'PlatformValidation_UEFI_Name',
  /* 18 */ 'TpmAutoResealPolicy',
  /* 19 */ 'UseEnhancedBcdProfile_Name',
  /* 20 */ 'UseOsEnforcePolicy_Name',
  /* 21 */ 'PrebootRecoveryInfo',
  /* 22 */ 'BMSFDVEncryptionPolicy',
  /* 23 */ 'FDVDenyWriteAccessPolicy',
  /* 24 */ 'FDVHybrid_Name',
  /* 25 */ 'FDVPassPhrasePolicy',
  /* 26 */ 'FDVRecoveryUsage_Name',
  /* 27 */ 'UseFddEnforcePolicy_Name',
  /* 28 */ 'RDVConfigureBDEPolicy',
  /* 29 */ 'RDVDenyWriteAccessPolicy',
  /* 30 */ 'RDVHybrid_Name',
  /* 31 */ 'RDVPassPhrasePolicy',
  /* 32 */ 'RDVRecoveryUsage_Name',
  /* 33 */ 'UserExemptionPolicy',
];

/** Orders policies by their registry slot; a policy missing from the registry is a definition error. */
export function stableOrder<T extends { name: string }>(policies: readonly T[]): T[] {
  const slot = (p: T): number => {
    const i = POLICY_IDS.indexOf(p.name);
    if (i < 0)
      throw new DefinitionError(`policy '${p.name}' has no slot in the stable id registry`, {
        file: 'policy-templates/src/mbam/ids.ts',
        policy: p.name,
        rule: 'id-registry',
        expected: 'a new slot appended at the end of POLICY_IDS (never reuse a slot)',
      });
    return i;
  };
  return [...policies].sort((a, b) => slot(a) - slot(b));
}
