import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, control } from '../helpers';

const name = 'MoreInfoUrlPolicy';

/** Provide the URL for the Security Policy link shown in the encryption prompt. */
export const MoreInfoUrlPolicy: PolicyDefinition = {
  name,
  class: 'Machine',
  displayName: name,
  explainText: `${name}_Help`,
  category: 'MBAMClientManagement',
  supportedOn: 'SUPPORTED_MBAM_2_5',
  key: MDOP_KEY,
  elements: [{ kind: 'text', id: 'MoreInfoUrl', valueName: 'MoreInfoUrl', required: true, maxLength: 1023 }],
  presentation: { id: name, controls: [control('textBox', name, 'MoreInfoUrl')] },
  ownValueNames: ['MoreInfoUrl'],
};
