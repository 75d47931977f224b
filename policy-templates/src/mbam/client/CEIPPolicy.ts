import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, onOff } from '../helpers';

const name = 'CEIPPolicy';

/**
 * Configure customer experience improvement program. Kept so MBAM GPOs map onto our template; the
 * OpenMBAM agent sends no telemetry whatever the value.
 */
export const CEIPPolicy: PolicyDefinition = {
  name,
  class: 'Machine',
  displayName: name,
  explainText: `${name}_Help`,
  category: 'MBAMClientManagement',
  supportedOn: 'SUPPORTED_MBAM_2_0',
  key: MDOP_KEY,
  ...onOff('CEIPEnabled'),
  ownValueNames: ['CEIPEnabled'],
};
