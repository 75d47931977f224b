import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, FVE_SYSTEM_KEY, control, flag, machinePolicy, onOff } from '../helpers';

const name = 'RDVDenyWriteAccessPolicy';

/** Deny write access to removable drives not protected by BitLocker (+ deny drives of other organisations). */
export const RDVDenyWriteAccessPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMRemovableDrive', 'SUPPORTED_MBAM_2_0', FVE_SYSTEM_KEY),
  ...onOff('RDVDenyWriteAccess'),
  elements: [flag('RDVDenyCrossOrg', 'RDVDenyCrossOrg', { key: FVE_KEY, default: false })],
  presentation: { id: name, controls: [control('checkBox', name, 'RDVDenyCrossOrg')] },
  counterparts: ['RDVDenyWriteAccess_Name'],
};
