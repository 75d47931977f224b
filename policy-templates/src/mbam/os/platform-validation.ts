// "Configure TPM platform validation profile": 24 checkboxes, one per PCR, each writing value `0`…`23`
// under its own key, as Windows' PlatformValidation_* policies do.
import type { PolicyDefinition } from '../../definitions/vocabulary';
import { FVE_KEY, control, flag, machinePolicy, note, onOff } from '../helpers';

export const PCR_COUNT = 24;

export function platformValidationPolicy(
  name: string,
  subkey: string,
  supportedOn: string,
  defaultPcrs: readonly number[],
): PolicyDefinition {
  const pcrs = Array.from({ length: PCR_COUNT }, (_, i) => i);
  return {
    ...machinePolicy(name, 'MBAMOSDrive', supportedOn, `${FVE_KEY}\\${subkey}`),
    ...onOff('Enabled'),
    elements: pcrs.map((i) => flag(`PCR${i}`, String(i), { default: defaultPcrs.includes(i) })),
    presentation: {
      id: name,
      controls: [note(name, 1), ...pcrs.map((i) => control('checkBox', name, `PCR${i}`))],
    },
    counterparts: [name],
  };
}
