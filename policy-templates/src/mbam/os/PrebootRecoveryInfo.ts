import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, choice, control, machinePolicy } from '../helpers';

const name = 'PrebootRecoveryInfo';

/** Configure pre-boot recovery message and URL: Windows `RecoveryKeyMessageSource`, `…Message`, `…Url`. */
export const PrebootRecoveryInfo: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMOSDrive', 'SUPPORTED_MBAM_2_5_SP1_Windows10', FVE_KEY),
  elements: [
    choice(
      name,
      'RecoveryKeyMessageSource',
      [
        ['Default', 1],
        ['CustomMessage', 2],
        ['CustomUrl', 3],
      ],
      { default: 'Default', required: true },
    ),
    { kind: 'text', id: 'RecoveryKeyMessage', valueName: 'RecoveryKeyMessage', maxLength: 900 },
    { kind: 'text', id: 'RecoveryKeyUrl', valueName: 'RecoveryKeyUrl', maxLength: 500 },
  ],
  presentation: {
    id: name,
    controls: [
      control('dropdownList', name, 'RecoveryKeyMessageSource', { noSort: true }),
      control('textBox', name, 'RecoveryKeyMessage'),
      control('textBox', name, 'RecoveryKeyUrl'),
    ],
  },
  counterparts: ['PrebootRecoveryInfo_Name'],
};
