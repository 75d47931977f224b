import { enforcePolicy } from '../enforce';

/** Encryption Policy Enforcement Settings for the operating system drive. */
export const UseOsEnforcePolicy_Name = enforcePolicy('UseOsEnforcePolicy_Name', 'Os', 'MBAMOSDrive');
