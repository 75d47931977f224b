import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, choice, control, machinePolicy, onOff } from '../helpers';

const name = 'BMSUserExemptionPolicy';

/**
 * Configure user exemption policy: whether users may request an exemption, whom they contact and how
 * long they may postpone. `AllowUserExemption` is documented; the other value names are ours.
 */
export const BMSUserExemptionPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMClientManagement', 'SUPPORTED_MBAM_2_0', MDOP_KEY),
  ...onOff('AllowUserExemption'),
  elements: [
    choice(
      name,
      'UserExemptionContactMethod',
      [
        ['Url', 1],
        ['Email', 2],
        ['Phone', 3],
      ],
      { default: 'Url', required: true },
    ),
    {
      kind: 'text',
      id: 'UserExemptionContact',
      valueName: 'UserExemptionContact',
      required: true,
      maxLength: 1023,
    },
    {
      kind: 'decimal',
      id: 'MaxTimeToGetUserExemption',
      valueName: 'MaxTimeToGetUserExemption',
      required: true,
      minValue: 0,
      maxValue: 365,
      default: 7,
    },
  ],
  presentation: {
    id: name,
    controls: [
      control('dropdownList', name, 'UserExemptionContactMethod', { noSort: true }),
      control('textBox', name, 'UserExemptionContact'),
      control('decimalTextBox', name, 'MaxTimeToGetUserExemption'),
    ],
  },
  ownValueNames: ['UserExemptionContactMethod', 'UserExemptionContact', 'MaxTimeToGetUserExemption'],
};
