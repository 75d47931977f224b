// "Choose how BitLocker-protected <drive> drives can be recovered": the same shape for OS (OS*), fixed
// (FDV*) and removable (RDV*) drives, as in VolumeEncryption.admx.
import type { PolicyDefinition } from '../definitions/vocabulary';
import { FVE_KEY, choice, control, flag, machinePolicy, onOff } from './helpers';

const ALLOW_REQUIRE_DENY = [
  ['Allow', 2],
  ['Require', 1],
  ['Deny', 0],
] as const;

export function recoveryPolicy(
  name: string,
  prefix: 'OS' | 'FDV' | 'RDV',
  category: string,
): PolicyDefinition {
  return {
    ...machinePolicy(name, category, 'SUPPORTED_MBAM_2_0', FVE_KEY),
    ...onOff(`${prefix}Recovery`),
    elements: [
      flag(`${prefix}ManageDRA`, `${prefix}ManageDRA`, { default: true }),
      choice(name, `${prefix}RecoveryPassword`, ALLOW_REQUIRE_DENY, { default: 'Require' }),
      choice(name, `${prefix}RecoveryKey`, ALLOW_REQUIRE_DENY, { default: 'Allow' }),
      flag(`${prefix}HideRecoveryPage`, `${prefix}HideRecoveryPage`, { default: false }),
      flag(`${prefix}ActiveDirectoryBackup`, `${prefix}ActiveDirectoryBackup`, { default: false }),
      choice(
        name,
        `${prefix}ActiveDirectoryInfoToStore`,
        [
          ['PasswordAndKeyPackage', 1],
          ['PasswordOnly', 2],
        ],
        { default: 'PasswordAndKeyPackage' },
      ),
      flag(`${prefix}RequireActiveDirectoryBackup`, `${prefix}RequireActiveDirectoryBackup`, {
        default: false,
      }),
    ],
    presentation: {
      id: name,
      controls: [
        control('checkBox', name, `${prefix}ManageDRA`),
        control('dropdownList', name, `${prefix}RecoveryPassword`, { noSort: true }),
        control('dropdownList', name, `${prefix}RecoveryKey`, { noSort: true }),
        control('checkBox', name, `${prefix}HideRecoveryPage`),
        control('checkBox', name, `${prefix}ActiveDirectoryBackup`),
        control('dropdownList', name, `${prefix}ActiveDirectoryInfoToStore`, { noSort: true }),
        control('checkBox', name, `${prefix}RequireActiveDirectoryBackup`),
      ],
    },
    counterparts: [`${prefix}RecoveryUsage_Name`],
  };
}

/** "Configure use of passwords for <drive> drives": the FDV and RDV shape (OS has its own module). */
export function passphrasePolicy(name: string, prefix: 'FDV' | 'RDV', category: string): PolicyDefinition {
  return {
    ...machinePolicy(name, category, 'SUPPORTED_MBAM_2_0', FVE_KEY),
    ...onOff(`${prefix}Passphrase`),
    elements: [
      flag(`${prefix}EnforcePassphrase`, `${prefix}EnforcePassphrase`, { default: false }),
      choice(
        name,
        `${prefix}PassphraseComplexity`,
        [
          ['Allow', 2],
          ['Deny', 0],
          ['Require', 1],
        ],
        { default: 'Deny' },
      ),
      {
        kind: 'decimal',
        id: `${prefix}PassphraseLength`,
        valueName: `${prefix}PassphraseLength`,
        minValue: 8,
        maxValue: 99,
        default: 8,
      },
    ],
    presentation: {
      id: name,
      controls: [
        control('checkBox', name, `${prefix}EnforcePassphrase`),
        control('dropdownList', name, `${prefix}PassphraseComplexity`, { noSort: true }),
        control('decimalTextBox', name, `${prefix}PassphraseLength`),
      ],
    },
    counterparts: [`${prefix}Passphrase_Name`],
  };
}
