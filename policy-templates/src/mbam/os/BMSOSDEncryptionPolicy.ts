import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, MDOP_KEY, choice, control, flag, fveList, machinePolicy, onOff } from '../helpers';

const name = 'BMSOSDEncryptionPolicy';

/**
 * Operating system drive encryption settings. `ShouldEncryptOSDrive` = 1 asks the client to encrypt the
 * OS drive (disabling after encryption makes it decrypt). The protector choice also writes the Windows
 * "Require additional authentication at startup" values: the chosen protector is required (1), the
 * other startup options are not allowed (0), so Windows and MBAM agree on what a compliant drive is.
 */
export const BMSOSDEncryptionPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMOSDrive', 'SUPPORTED_MBAM_2_0', MDOP_KEY),
  ...onOff('ShouldEncryptOSDrive'),
  enabledList: fveList({ UseAdvancedStartup: 1 }),
  elements: [
    choice(
      name,
      'OSDriveProtector',
      [
        ['Tpm', 1, fveList({ UseTPM: 1, UseTPMPIN: 0, UseTPMKey: 0, UseTPMKeyPIN: 0 })],
        ['TpmPin', 4, fveList({ UseTPM: 0, UseTPMPIN: 1, UseTPMKey: 0, UseTPMKeyPIN: 0 })],
      ],
      { default: 'Tpm', required: true },
    ),
    flag('EnableBDEWithNoTPM', 'EnableBDEWithNoTPM', { key: FVE_KEY, default: false }),
    {
      kind: 'decimal',
      id: 'MinimumPIN',
      key: FVE_KEY,
      valueName: 'MinimumPIN',
      required: true,
      minValue: 4,
      maxValue: 20,
      default: 6,
    },
  ],
  presentation: {
    id: name,
    controls: [
      control('dropdownList', name, 'OSDriveProtector', { noSort: true }),
      control('checkBox', name, 'EnableBDEWithNoTPM'),
      control('decimalTextBox', name, 'MinimumPIN'),
    ],
  },
  counterparts: ['ConfigureAdvancedStartup_Name', 'MinimumPINLength_Name'],
};
