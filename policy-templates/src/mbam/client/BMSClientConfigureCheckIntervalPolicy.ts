import type { PolicyDefinition } from '../../definitions/vocabulary';
import { MDOP_KEY, choice, control, dword, flag, machinePolicy, onOff } from '../helpers';

const name = 'BMSClientConfigureCheckIntervalPolicy';
/** Group Policy minimum for both frequencies (mbam-v2 "evaluating" doc); the maximum is our choice (one week). */
const MIN_MINUTES = 90;
const MAX_MINUTES = 10080;

/**
 * Configure MBAM Services: where the client escrows recovery data and reports status, and how often.
 * Enabling also turns key escrow on (`UseKeyRecoveryService` = 1); disabling turns it off.
 */
export const BMSClientConfigureCheckIntervalPolicy: PolicyDefinition = {
  ...machinePolicy(name, 'MBAMClientManagement', 'SUPPORTED_MBAM_2_0', MDOP_KEY),
  ...onOff('UseMBAMServices'),
  enabledList: { items: [{ valueName: 'UseKeyRecoveryService', value: dword(1) }] },
  disabledList: { items: [{ valueName: 'UseKeyRecoveryService', value: dword(0) }] },
  elements: [
    {
      kind: 'text',
      id: 'KeyRecoveryServiceEndPoint',
      valueName: 'KeyRecoveryServiceEndPoint',
      required: true,
      expandable: true,
      maxLength: 1023,
    },
    choice(
      name,
      'KeyRecoveryOptions',
      [
        ['PasswordAndKeyPackage', 1],
        ['PasswordOnly', 0],
      ],
      { default: 'PasswordAndKeyPackage', required: true },
    ),
    {
      kind: 'decimal',
      id: 'ClientWakeupFrequency',
      valueName: 'ClientWakeupFrequency',
      required: true,
      minValue: MIN_MINUTES,
      maxValue: MAX_MINUTES,
      default: 90,
    },
    flag('UseStatusReportingService', 'UseStatusReportingService', { default: true }),
    {
      kind: 'text',
      id: 'StatusReportingServiceEndpoint',
      valueName: 'StatusReportingServiceEndpoint',
      expandable: true,
      maxLength: 1023,
    },
    {
      kind: 'decimal',
      id: 'StatusReportingFrequency',
      valueName: 'StatusReportingFrequency',
      required: true,
      minValue: MIN_MINUTES,
      maxValue: MAX_MINUTES,
      default: 720,
    },
  ],
  presentation: {
    id: name,
    controls: [
      control('textBox', name, 'KeyRecoveryServiceEndPoint'),
      control('dropdownList', name, 'KeyRecoveryOptions', { noSort: true }),
      control('decimalTextBox', name, 'ClientWakeupFrequency', { spinStep: 15 }),
      control('checkBox', name, 'UseStatusReportingService'),
      control('textBox', name, 'StatusReportingServiceEndpoint'),
      control('decimalTextBox', name, 'StatusReportingFrequency', { spinStep: 15 }),
    ],
  },
};
