import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, onOff } from '../helpers';

const name = 'TPMLockoutAutoResetPolicy';

/** Configure TPM lockout auto reset (TPM 1.2 only; uses the escrowed OwnerAuth). */
export const TPMLockoutAutoResetPolicy: PolicyDefinition = {
  name,
  class: 'Machine',
  displayName: name,
  explainText: `${name}_Help`,
  category: 'MBAMClientManagement',
  supportedOn: 'SUPPORTED_MBAM_2_5_SP1',
  key: MDOP_KEY,
  ...onOff('TpmLockoutAutoReset'),
};
