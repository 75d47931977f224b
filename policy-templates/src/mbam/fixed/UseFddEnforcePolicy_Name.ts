import { enforcePolicy } from '../enforce';

/** Encryption Policy Enforcement Settings for fixed drives (applied once the OS drive complies). */
export const UseFddEnforcePolicy_Name = enforcePolicy('UseFddEnforcePolicy_Name', 'Fdd', 'MBAMFixedDrive');
