import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, machinePolicy, onOff } from '../helpers';

const name = 'TPMLockoutAutoResetPolicy';

/** Configure TPM lockout auto reset (TPM 1.2 only; uses the escrowed OwnerAuth). */
export const TPMLockoutAutoResetPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMClientManagement', 'SUPPORTED_MBAM_2_5_SP1', MDOP_KEY),
  ...onOff('TpmLockoutAutoReset'),
};
