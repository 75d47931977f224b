import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, machinePolicy, onOff } from '../helpers';

const name = 'TpmAutoResealPolicy';

/** Reset platform validation data after BitLocker recovery: Windows `TPMAutoReseal`. */
export const TpmAutoResealPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMOSDrive', 'SUPPORTED_MBAM_2_5_Windows8', FVE_KEY),
  ...onOff('TPMAutoReseal'),
  counterparts: ['TPMAutoReseal_Name'],
};
