import { platformValidationPolicy } from './platform-validation';

/** Configure TPM platform validation profile (Windows 7 / Server 2008 R2): key `FVE\PlatformValidation`. */
export const PlatformValidation_Deprecated_Name = platformValidationPolicy(
  'PlatformValidation_Deprecated_Name',
  'PlatformValidation',
  'SUPPORTED_MBAM_2_0',
  [0, 2, 4, 5, 8, 9, 10, 11],
);
