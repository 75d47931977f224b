import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, onOff } from '../helpers';

const name = 'NoOverwritePolicy';

/** Prevent memory overwrite on restart: Windows `MorBehavior`. */
export const NoOverwritePolicy: PolicyDefinition = {
  name,
  class: 'Machine',
  displayName: name,
  explainText: `${name}_Help`,
  category: 'MBAM',
  supportedOn: 'SUPPORTED_MBAM_2_0',
  key: FVE_KEY,
  ...onOff('MorBehavior'),
  counterparts: ['MorBehavior_Name'],
};
