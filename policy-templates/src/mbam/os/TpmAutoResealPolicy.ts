import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, onOff } from '../helpers';

const name = 'TpmAutoResealPolicy';

/** Reset platform validation data after BitLocker recovery: Windows `TPMAutoReseal`. */
export const TpmAutoResealPolicy: PolicyDefinition = {
  name,
  class: 'Machine',
  displayName: name,
  explainText: `${name}_Help`,
  category: 'MBAMOSDrive',
  supportedOn: 'SUPPORTED_MBAM_2_5_Windows8',
  key: FVE_KEY,
  ...onOff('TPMAutoReseal'),
  counterparts: ['TPMAutoReseal_Name'],
};
