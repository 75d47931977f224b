export { GUID_PATTERN } from './guid';
export { RECOVERY_PASSWORD_PATTERN } from './recovery-password';
