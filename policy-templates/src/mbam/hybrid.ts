// "Allow access to BitLocker-protected <drive> drives from earlier versions of Windows" (FDV/RDV).
import type { PolicyDefinition } from '../definitions/vocabulary';
import { FVE_KEY, control, flag, machinePolicy, text } from './helpers';

export function hybridPolicy(name: string, prefix: 'FDV' | 'RDV', category: string): PolicyDefinition {
  return {
    ...machinePolicy(name, category, 'SUPPORTED_MBAM_2_0', FVE_KEY),
    valueName: `${prefix}DiscoveryVolumeType`,
    enabledValue: text('FAT32'),
    disabledValue: text('<none>'),
    elements: [flag(`${prefix}NoBitLockerToGoReader`, `${prefix}NoBitLockerToGoReader`, { default: false })],
    presentation: { id: name, controls: [control('checkBox', name, `${prefix}NoBitLockerToGoReader`)] },
    counterparts: [`${prefix}Hybrid_Name`],
  };
}
