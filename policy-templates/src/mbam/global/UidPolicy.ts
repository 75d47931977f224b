import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, control, machinePolicy, onOff } from '../helpers';

const name = 'UidPolicy';

/** Provide the unique identifiers for your organization: Windows `IdentificationField*`. */
export const UidPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAM', 'SUPPORTED_MBAM_2_0', FVE_KEY),
  ...onOff('IdentificationField'),
  elements: [
    {
      kind: 'text',
      id: 'IdentificationFieldString',
      valueName: 'IdentificationFieldString',
      required: true,
      maxLength: 260,
    },
    {
      kind: 'text',
      id: 'SecondaryIdentificationField',
      valueName: 'SecondaryIdentificationField',
      maxLength: 260,
    },
  ],
  presentation: {
    id: name,
    controls: [
      control('textBox', name, 'IdentificationFieldString'),
      control('textBox', name, 'SecondaryIdentificationField'),
    ],
  },
  counterparts: ['IdentificationField_Name'],
};
