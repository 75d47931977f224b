import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, onOff } from '../helpers';

const name = 'UserExemptionPolicy';

/**
 * The per-user exemption (BitLockerUserManagement.admx), applied to the AD group of exempt users. Microsoft's
 * display and value names are not public: `UserExemption` (HKCU) is ours.
 */
export const UserExemptionPolicy: PolicyDefinition = {
  name,
  class: 'User',
  displayName: name,
  explainText: `${name}_Help`,
  category: 'openmbam:MBAM',
  supportedOn: 'openmbam:SUPPORTED_MBAM_2_0',
  key: MDOP_KEY,
  ...onOff('UserExemption'),
  ownValueNames: ['UserExemption'],
};
