import { passphrasePolicy } from '../recovery';

/** Configure use of password for removable data drives: Windows `RDVPassphrase*`. */
export const RDVPassPhrasePolicy = passphrasePolicy('RDVPassPhrasePolicy', 'RDV', 'MBAMRemovableDrive');
