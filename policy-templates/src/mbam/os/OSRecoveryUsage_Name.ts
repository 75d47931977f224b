import { recoveryPolicy } from '../recovery';

/** Choose how BitLocker-protected operating system drives can be recovered: Windows `OSRecovery*`. */
export const OSRecoveryUsage_Name = recoveryPolicy('OSRecoveryUsage_Name', 'OS', 'MBAMOSDrive');
