import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, machinePolicy, onOff } from '../helpers';

const name = 'NoOverwritePolicy';

/** Prevent memory overwrite on restart: Windows `MorBehavior`. */
export const NoOverwritePolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAM', 'SUPPORTED_MBAM_2_0', FVE_KEY),
  ...onOff('MorBehavior'),
  counterparts: ['MorBehavior_Name'],
};
