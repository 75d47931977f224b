import { hybridPolicy } from '../hybrid';

/** Allow access to BitLocker-protected removable drives from earlier versions of Windows. */
export const RDVHybrid_Name = hybridPolicy('RDVHybrid_Name', 'RDV', 'MBAMRemovableDrive');
