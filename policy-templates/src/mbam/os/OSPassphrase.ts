import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, choice, control, flag, machinePolicy, onOff } from '../helpers';

const name = 'OSPassphrase';

/** Configure use of passwords for operating system drives: Windows `OSPassphrase*`. */
export const OSPassphrase: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMOSDrive', 'SUPPORTED_MBAM_2_5_Windows8', FVE_KEY),
  ...onOff('OSPassphrase'),
  elements: [
    choice(
      name,
      'OSPassphraseComplexity',
      [
        ['Allow', 2],
        ['Deny', 0],
        ['Require', 1],
      ],
      { default: 'Allow' },
    ),
    {
      kind: 'decimal',
      id: 'OSPassphraseLength',
      valueName: 'OSPassphraseLength',
      minValue: 8,
      maxValue: 255,
      default: 8,
    },
    flag('OSPassphraseASCIIOnly', 'OSPassphraseASCIIOnly', { default: false }),
  ],
  presentation: {
    id: name,
    controls: [
      control('dropdownList', name, 'OSPassphraseComplexity', { noSort: true }),
      control('decimalTextBox', name, 'OSPassphraseLength'),
      control('checkBox', name, 'OSPassphraseASCIIOnly'),
    ],
  },
  counterparts: ['OSPassphrase_Name'],
};
