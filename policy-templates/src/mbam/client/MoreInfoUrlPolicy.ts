import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, control, machinePolicy } from '../helpers';

const name = 'MoreInfoUrlPolicy';

/** Provide the URL for the Security Policy link shown in the encryption prompt. */
export const MoreInfoUrlPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMClientManagement', 'SUPPORTED_MBAM_2_5', MDOP_KEY),
  elements: [{ kind: 'text', id: 'MoreInfoUrl', valueName: 'MoreInfoUrl', required: true, maxLength: 1023 }],
  presentation: { id: name, controls: [control('textBox', name, 'MoreInfoUrl')] },
  ownValueNames: ['MoreInfoUrl'],
};
