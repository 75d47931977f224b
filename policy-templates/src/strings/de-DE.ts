// de-DE strings (partial): what is missing falls back to en-US when the ADML is written.
import type { LocaleStrings } from '../definitions/vocabulary';

export const deDE: LocaleStrings = {
  locale: 'de-DE',
  strings: {
    BitLockerManagement_DisplayName: 'MDOP MBAM (BitLocker-Verwaltung) - OpenMBAM',
    BitLockerUserManagement_DisplayName: 'MDOP MBAM (BitLocker-Verwaltung) Benutzereinstellungen - OpenMBAM',
    Cat_MBAM: 'MDOP MBAM (BitLocker-Verwaltung)',
    Cat_MBAMClientManagement: 'Clientverwaltung',
    Cat_MBAMFixedDrive: 'Festplattenlaufwerk',
    Cat_MBAMOSDrive: 'Betriebssystemlaufwerk',
    Cat_MBAMRemovableDrive: 'Wechseldatenträger',
    BMSClientConfigureCheckIntervalPolicy: 'MBAM-Dienste konfigurieren',
    BMSOSDEncryptionPolicy: 'Verschlüsselungseinstellungen für das Betriebssystemlaufwerk',
    BMSFDVEncryptionPolicy: 'Verschlüsselungseinstellungen für Festplattenlaufwerke',
  },
};
