import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, choice, control, machinePolicy, onOff } from '../helpers';

const name = 'BMSFDVEncryptionPolicy';

/**
 * Fixed data drive encryption settings. `ShouldEncryptFixedDataDrive` = 1 asks the client to encrypt
 * fixed data drives (disabling after encryption makes it decrypt). `AutoUnlockFixedDataDrive` is
 * documented; its values are not: 1 = allow and 2 = require are our reading (a public script sets 2).
 */
export const BMSFDVEncryptionPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMFixedDrive', 'SUPPORTED_MBAM_2_0', MDOP_KEY),
  ...onOff('ShouldEncryptFixedDataDrive'),
  elements: [
    choice(
      name,
      'AutoUnlockFixedDataDrive',
      [
        ['Allow', 1],
        ['Require', 2],
      ],
      { default: 'Require', required: true },
    ),
  ],
  presentation: {
    id: name,
    controls: [control('dropdownList', name, 'AutoUnlockFixedDataDrive', { noSort: true })],
  },
};
