import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, control, flag, machinePolicy, onOff } from '../helpers';

const name = 'RDVConfigureBDEPolicy';

/** Control use of BitLocker on removable drives: Windows `RDVConfigureBDE`, `RDVAllowBDE`, `RDVDisableBDE`. */
export const RDVConfigureBDEPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMRemovableDrive', 'SUPPORTED_MBAM_2_0', FVE_KEY),
  ...onOff('RDVConfigureBDE'),
  elements: [
    flag('RDVAllowBDE', 'RDVAllowBDE', { default: true }),
    flag('RDVDisableBDE', 'RDVDisableBDE', { default: true }),
  ],
  presentation: {
    id: name,
    controls: [control('checkBox', name, 'RDVAllowBDE'), control('checkBox', name, 'RDVDisableBDE')],
  },
  counterparts: ['RDVConfigureBDE'],
};
