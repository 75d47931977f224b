import { platformValidationPolicy } from './platform-validation';

/** Configure TPM platform validation profile for native UEFI firmware configurations (Windows 8+). */
export const PlatformValidation_UEFI_Name = platformValidationPolicy(
  'PlatformValidation_UEFI_Name',
  'OSPlatformValidation_UEFI',
  'SUPPORTED_MBAM_2_5_Windows8',
  [0, 2, 4, 11],
);
