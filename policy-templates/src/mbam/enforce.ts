// "Encryption Policy Enforcement Settings": grace days before encryption is enforced (0–730, 0 = now).
import type { PolicyDefinition } from '../definitions/vocabulary';
import { MDOP_KEY, control, machinePolicy, onOff } from './helpers';

export function enforcePolicy(name: string, prefix: 'Os' | 'Fdd', category: string): PolicyDefinition {
  const period = `${prefix}EnforcePolicyPeriod`;
  return {
    ...machinePolicy(name, category, 'SUPPORTED_MBAM_2_5', MDOP_KEY),
    ...onOff(`Use${prefix}EnforcePolicy`),
    elements: [
      {
        kind: 'decimal',
        id: period,
        valueName: period,
        required: true,
        minValue: 0,
        maxValue: 730,
        default: 0,
      },
    ],
    presentation: { id: name, controls: [control('decimalTextBox', name, period)] },
  };
}
