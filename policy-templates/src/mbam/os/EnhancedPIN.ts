import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, MDOP_KEY, control, flag, machinePolicy, onOff } from '../helpers';

const name = 'EnhancedPIN';

/** Allow enhanced PINs for startup: Windows `UseEnhancedPin`; MBAM 2.5's "Require ASCII-only PINs" is ours. */
export const EnhancedPIN: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMOSDrive', 'SUPPORTED_MBAM_2_0', FVE_KEY),
  ...onOff('UseEnhancedPin'),
  elements: [flag('EnhancedPinAsciiOnly', 'EnhancedPinAsciiOnly', { key: MDOP_KEY, default: false })],
  presentation: { id: name, controls: [control('checkBox', name, 'EnhancedPinAsciiOnly')] },
  ownValueNames: ['EnhancedPinAsciiOnly'],
  counterparts: ['EnhancedPIN_Name'],
};
