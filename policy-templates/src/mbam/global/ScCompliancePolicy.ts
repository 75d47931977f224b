import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, control, machinePolicy } from '../helpers';

const name = 'ScCompliancePolicy';

/** Validate smart card certificate usage rule compliance: Windows `CertificateOID`. */
export const ScCompliancePolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAM', 'SUPPORTED_MBAM_2_0', FVE_KEY),
  elements: [
    {
      kind: 'text',
      id: 'CertificateOID',
      valueName: 'CertificateOID',
      required: true,
      maxLength: 255,
      default: '1.3.6.1.4.1.311.67.1.1',
    },
  ],
  presentation: { id: name, controls: [control('textBox', name, 'CertificateOID')] },
  counterparts: ['UserCertificateOID_Name'],
};
