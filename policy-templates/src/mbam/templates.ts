// The two MBAM templates: BitLockerManagement (Computer) and BitLockerUserManagement (User), named as
// Microsoft's MDOP files so they replace them in a Central Store, but with our own target namespaces
// (a store ignores a second file with a namespace it already loaded, and Microsoft's is theirs).
import type { PolicyDefinition, PolicySet, PolicyTemplate } from '../definitions/vocabulary';
import * as all from './policies';
import { stableOrder } from './ids';
import { enUS } from '../strings/en-US';
import { deDE } from '../strings/de-DE';

export const MBAM_NAMESPACE = 'OpenMBAM.Policies.BitLockerManagement';
export const MBAM_USER_NAMESPACE = 'OpenMBAM.Policies.BitLockerUserManagement';
/** Bump together with every change of generated content (ADMX revision = minRequiredRevision = ADML revision). */
export const MBAM_REVISION = '1.0';

const policies: readonly PolicyDefinition[] = stableOrder(Object.values(all));

export const bitLockerManagement: PolicyTemplate = {
  fileName: 'BitLockerManagement',
  revision: MBAM_REVISION,
  target: { prefix: 'openmbam', namespace: MBAM_NAMESPACE },
  using: [{ prefix: 'windows', namespace: 'Microsoft.Policies.Windows' }],
  resources: {
    displayName: 'BitLockerManagement_DisplayName',
    description: 'BitLockerManagement_Description',
  },
  supportedOn: [
    { name: 'SUPPORTED_MBAM_2_0', displayName: 'SUPPORTED_MBAM_2_0' },
    { name: 'SUPPORTED_MBAM_2_5', displayName: 'SUPPORTED_MBAM_2_5' },
    { name: 'SUPPORTED_MBAM_2_5_SP1', displayName: 'SUPPORTED_MBAM_2_5_SP1' },
    { name: 'SUPPORTED_MBAM_2_5_Windows8', displayName: 'SUPPORTED_MBAM_2_5_Windows8' },
    { name: 'SUPPORTED_MBAM_2_5_SP1_Windows10', displayName: 'SUPPORTED_MBAM_2_5_SP1_Windows10' },
  ],
  categories: [
    {
      name: 'MBAM',
      displayName: 'Cat_MBAM',
      explainText: 'Cat_MBAM_Help',
      parent: 'windows:WindowsComponents',
    },
    { name: 'MBAMClientManagement', displayName: 'Cat_MBAMClientManagement', parent: 'MBAM' },
    { name: 'MBAMFixedDrive', displayName: 'Cat_MBAMFixedDrive', parent: 'MBAM' },
    { name: 'MBAMOSDrive', displayName: 'Cat_MBAMOSDrive', parent: 'MBAM' },
    { name: 'MBAMRemovableDrive', displayName: 'Cat_MBAMRemovableDrive', parent: 'MBAM' },
  ],
  policies: policies.filter((p) => p.class !== 'User'),
};

/** The user template reuses the computer template's category and supportedOn through `using`. */
export const bitLockerUserManagement: PolicyTemplate = {
  fileName: 'BitLockerUserManagement',
  revision: MBAM_REVISION,
  target: { prefix: 'openmbamuser', namespace: MBAM_USER_NAMESPACE },
  using: [{ prefix: 'openmbam', namespace: MBAM_NAMESPACE }],
  resources: {
    displayName: 'BitLockerUserManagement_DisplayName',
    description: 'BitLockerUserManagement_Description',
  },
  policies: policies.filter((p) => p.class === 'User'),
};

/** The MBAM policy set, unvalidated (see `mbamPolicySet` in index.ts for the validated one). */
export const mbamDefinitions: PolicySet = {
  templates: [bitLockerManagement, bitLockerUserManagement],
  locales: [enUS, deDE],
};
