import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, control, machinePolicy, onOff } from '../helpers';

const name = 'UseEnhancedBcdProfile_Name';

/** Use enhanced Boot Configuration Data validation profile: Windows `OSUseEnhancedBcdProfile`. */
export const UseEnhancedBcdProfile_Name: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMOSDrive', 'SUPPORTED_MBAM_2_5_Windows8', FVE_KEY),
  ...onOff('OSUseEnhancedBcdProfile'),
  elements: [
    {
      kind: 'multiText',
      id: 'OSBcdAdditionalSecurityCriticalSettings',
      valueName: 'OSBcdAdditionalSecurityCriticalSettings',
      maxLength: 50,
    },
    {
      kind: 'multiText',
      id: 'OSBcdAdditionalExcludedSettings',
      valueName: 'OSBcdAdditionalExcludedSettings',
      maxLength: 50,
    },
  ],
  presentation: {
    id: name,
    controls: [
      control('multiTextBox', name, 'OSBcdAdditionalSecurityCriticalSettings'),
      control('multiTextBox', name, 'OSBcdAdditionalExcludedSettings'),
    ],
  },
  counterparts: ['UseEnhancedBcdProfile_Name'],
};
