import { platformValidationPolicy } from './platform-validation';

/** Configure TPM platform validation profile for BIOS-based firmware configurations (Windows 8+). */
export const PlatformValidation_BIOS_Name = platformValidationPolicy(
  'PlatformValidation_BIOS_Name',
  'OSPlatformValidation_BIOS',
  'SUPPORTED_MBAM_2_5_Windows8',
  [0, 2, 4, 8, 9, 10, 11],
);
