import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, control, items } from '../helpers';

const name = 'BLEncryptionMethodWithXts_Name';
const choices = (el: string) =>
  items(name, el, [
    ['AesCbc128', 3],
    ['AesCbc256', 4],
    ['XtsAes128', 6],
    ['XtsAes256', 7],
  ]);

/** Choose drive encryption method and cipher strength (Windows 10 [Version 1511] and later): XTS per drive type. */
export const BLEncryptionMethodWithXts_Name: PolicyDefinition = {
  name,
  class: 'Machine',
  displayName: name,
  explainText: `${name}_Help`,
  category: 'MBAM',
  supportedOn: 'SUPPORTED_MBAM_2_5_SP1_Windows10',
  key: FVE_KEY,
  elements: [
    {
      kind: 'enum',
      id: 'EncryptionMethodWithXtsOs',
      valueName: 'EncryptionMethodWithXtsOs',
      required: true,
      items: choices('EncryptionMethodWithXtsOs'),
      default: `${name}_EncryptionMethodWithXtsOs_XtsAes128`,
    },
    {
      kind: 'enum',
      id: 'EncryptionMethodWithXtsFdv',
      valueName: 'EncryptionMethodWithXtsFdv',
      required: true,
      items: choices('EncryptionMethodWithXtsFdv'),
      default: `${name}_EncryptionMethodWithXtsFdv_XtsAes128`,
    },
    {
      kind: 'enum',
      id: 'EncryptionMethodWithXtsRdv',
      valueName: 'EncryptionMethodWithXtsRdv',
      required: true,
      items: choices('EncryptionMethodWithXtsRdv'),
      default: `${name}_EncryptionMethodWithXtsRdv_AesCbc128`,
    },
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
