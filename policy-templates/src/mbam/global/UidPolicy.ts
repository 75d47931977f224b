import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, control, onOff } from '../helpers';

const name = 'UidPolicy';

/** Provide the unique identifiers for your organization: Windows `IdentificationField*`. */
export const UidPolicy: PolicyDefinition = {
  name,
  class: 'Machine',
  displayName: name,
  explainText: `${name}_Help`,
  category: 'MBAM',
  supportedOn: 'SUPPORTED_MBAM_2_0',
  key: FVE_KEY,
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
