import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, machinePolicy, onOff } from '../helpers';

const name = 'CEIPPolicy';

/**
 * Configure customer experience improvement program. Kept so MBAM GPOs map onto our template; the
 * OpenMBAM agent sends no telemetry whatever the value.
 */
export const CEIPPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMClientManagement', 'SUPPORTED_MBAM_2_0', MDOP_KEY),
  ...onOff('CEIPEnabled'),
  ownValueNames: ['CEIPEnabled'],
};
