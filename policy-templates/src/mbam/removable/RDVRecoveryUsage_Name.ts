import { recoveryPolicy } from '../recovery';

/** Choose how BitLocker-protected removable drives can be recovered: Windows `RDVRecovery*`. */
export const RDVRecoveryUsage_Name = recoveryPolicy('RDVRecoveryUsage_Name', 'RDV', 'MBAMRemovableDrive');
