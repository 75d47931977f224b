import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, choice, control, fveList, machinePolicy } from '../helpers';

const name = 'BLEncryptionMethodPolicy';

/**
 * Choose drive encryption method and cipher strength (Windows 7 / 8 era). Writes the Windows
 * `EncryptionMethod` value; each choice also sets `EncryptionMethodNoDiffuser` (Windows 8+, which has
 * no diffuser) to the same key size, so one MBAM setting covers both generations.
 */
export const BLEncryptionMethodPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAM', 'SUPPORTED_MBAM_2_0', FVE_KEY),
  elements: [
    choice(
      name,
      'EncryptionMethod',
      [
        ['Aes128Diffuser', 1, fveList({ EncryptionMethodNoDiffuser: 3 })],
        ['Aes256Diffuser', 2, fveList({ EncryptionMethodNoDiffuser: 4 })],
        ['Aes128', 3, fveList({ EncryptionMethodNoDiffuser: 3 })],
        ['Aes256', 4, fveList({ EncryptionMethodNoDiffuser: 4 })],
      ],
      { default: 'Aes128Diffuser', required: true },
    ),
  ],
  presentation: { id: name, controls: [control('dropdownList', name, 'EncryptionMethod', { noSort: true })] },
  counterparts: ['EncryptionMethod_Name', 'EncryptionMethodNoDiffuser_Name'],
};
