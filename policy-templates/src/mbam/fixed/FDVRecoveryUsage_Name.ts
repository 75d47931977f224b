import { recoveryPolicy } from '../recovery';

/** Choose how BitLocker-protected fixed drives can be recovered: Windows `FDVRecovery*`. */
export const FDVRecoveryUsage_Name = recoveryPolicy('FDVRecoveryUsage_Name', 'FDV', 'MBAMFixedDrive');
