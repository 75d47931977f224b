import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, choice, control, machinePolicy } from '../helpers';

const name = 'BLEncryptionMethodWithXts_Name';
const METHODS = [
  ['AesCbc128', 3],
  ['AesCbc256', 4],
  ['XtsAes128', 6],
  ['XtsAes256', 7],
] as const;

/** Choose drive encryption method and cipher strength (Windows 10 [Version 1511] and later): XTS per drive type. */
export const BLEncryptionMethodWithXts_Name: PolicyDefinition = {
  ...machinePolicy(name, 'MBAM', 'SUPPORTED_MBAM_2_5_SP1_Windows10', FVE_KEY),
  elements: [
    choice(name, 'EncryptionMethodWithXtsOs', METHODS, { default: 'XtsAes128', required: true }),
    choice(name, 'EncryptionMethodWithXtsFdv', METHODS, { default: 'XtsAes128', required: true }),
    choice(name, 'EncryptionMethodWithXtsRdv', METHODS, { default: 'AesCbc128', required: true }),
  ],
  presentation: {
    id: name,
    controls: [
      control('dropdownList', name, 'EncryptionMethodWithXtsOs', { noSort: true }),
      control('dropdownList', name, 'EncryptionMethodWithXtsFdv', { noSort: true }),
      control('dropdownList', name, 'EncryptionMethodWithXtsRdv', { noSort: true }),
    ],
  },
  counterparts: ['EncryptionMethodWithXts_Name'],
};
