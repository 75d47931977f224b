import { hybridPolicy } from '../hybrid';

/** Allow access to BitLocker-protected fixed drives from earlier versions of Windows. */
export const FDVHybrid_Name = hybridPolicy('FDVHybrid_Name', 'FDV', 'MBAMFixedDrive');
