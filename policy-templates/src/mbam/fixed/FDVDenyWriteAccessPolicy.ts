import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_SYSTEM_KEY, machinePolicy, onOff } from '../helpers';

const name = 'FDVDenyWriteAccessPolicy';

/** Deny write access to fixed drives not protected by BitLocker: Windows `FDVDenyWriteAccess` (System key). */
export const FDVDenyWriteAccessPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMFixedDrive', 'SUPPORTED_MBAM_2_0', FVE_SYSTEM_KEY),
  ...onOff('FDVDenyWriteAccess'),
  counterparts: ['FDVDenyWriteAccess_Name'],
};
