import { passphrasePolicy } from '../recovery';

/** Configure use of password for fixed drives: Windows `FDVPassphrase*` (default 8 characters, no complexity). */
export const FDVPassPhrasePolicy = passphrasePolicy('FDVPassPhrasePolicy', 'FDV', 'MBAMFixedDrive');
