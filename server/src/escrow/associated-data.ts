// Associated data binds each sealed secret to its record: a ciphertext copied onto another row
// (another machine, volume or protector) no longer opens.
export const recoveryPasswordAad = (machineId: string, volumeGuid: string, keyProtectorId: string): string =>
  `openmbam:recovery-password:${machineId}:${volumeGuid}:${keyProtectorId}`;

export const keyPackageAad = (machineId: string, volumeGuid: string, keyProtectorId: string): string =>
  `openmbam:key-package:${machineId}:${volumeGuid}:${keyProtectorId}`;

export const tpmOwnerAuthAad = (machineId: string): string => `openmbam:tpm-owner-auth:${machineId}`;
