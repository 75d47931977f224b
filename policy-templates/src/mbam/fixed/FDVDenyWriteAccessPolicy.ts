import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_SYSTEM_KEY, onOff } from '../helpers';

const name = 'FDVDenyWriteAccessPolicy';

/** Deny write access to fixed drives not protected by BitLocker: Windows `FDVDenyWriteAccess` (System key). */
export const FDVDenyWriteAccessPolicy: PolicyDefinition = {
  name,
  class: 'Machine',
  displayName: name,
  explainText: `${name}_Help`,
  category: 'MBAMFixedDrive',
  supportedOn: 'SUPPORTED_MBAM_2_0',
  key: FVE_SYSTEM_KEY,
  ...onOff('FDVDenyWriteAccess'),
  counterparts: ['FDVDenyWriteAccess_Name'],
};
