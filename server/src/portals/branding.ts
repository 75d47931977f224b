// Branding of the portals, as MBAM's Self-Service Portal application settings (CompanyName,
// HelpdeskText, HelpdeskUrl, DisplayNotice, notice text; mbam-server.md §3), kept in the settings
// table of the Recovery Database so every server instance shows the same, and edited at /admin/branding.
import type { Kysely } from 'kysely';
import type { RecoveryDatabase } from '../db/recovery-database';
import { UserError } from '../errors';
import * as settings from '../people/settings-repository';

export interface Branding {
  /** MBAM `CompanyName` */
  companyName: string;
  /** MBAM `HelpdeskText`: how to reach the help desk */
  helpdeskText: string;
  /** MBAM `HelpdeskUrl`: a link for `helpdeskText`, or '' for none */
  helpdeskUrl: string;
  /** MBAM `DisplayNotice`: show `noticeText` on the Self-Service Portal before a key can be requested */
  displayNotice: boolean;
  /** MBAM `Notice.txt`: plain text, paragraphs separated by blank lines */
  noticeText: string;
}

export const DEFAULT_BRANDING: Branding = Object.freeze({
  companyName: 'Contoso IT',
  helpdeskText: 'Contact Helpdesk or IT Department',
  helpdeskUrl: '',
  displayNotice: true,
  noticeText:
    'You are about to retrieve a BitLocker recovery key for a computer you have signed in to. ' +
    'Every request is recorded. The key works once: after you use it, the computer replaces it.',
});

const KEY = 'branding';

/** The current branding (defaults for anything not set). Cheap: one indexed row read. */
export async function getBranding(db: Kysely<RecoveryDatabase>): Promise<Branding> {
  const stored = await settings.getSetting(db, KEY);
  if (!stored) return { ...DEFAULT_BRANDING };
  try {
    const parsed = JSON.parse(stored) as Partial<Branding>;
    return { ...DEFAULT_BRANDING, ...pickBranding(parsed) };
  } catch {
    return { ...DEFAULT_BRANDING };
  }
}

/** Validates and stores branding; throws a UserError naming the field at fault. */
export async function saveBranding(
  db: Kysely<RecoveryDatabase>,
  input: Branding,
  updatedBy: string,
  now = new Date(),
): Promise<Branding> {
  const branding = validateBranding(input);
  await settings.putSetting(db, KEY, JSON.stringify(branding), updatedBy, now.toISOString());
  return branding;
}

export function validateBranding(input: Branding): Branding {
  const companyName = input.companyName.trim();
  const helpdeskText = input.helpdeskText.trim();
  const helpdeskUrl = input.helpdeskUrl.trim();
  const noticeText = input.noticeText.replace(/\r\n/g, '\n').trim();
  if (companyName.length < 1 || companyName.length > 100) {
    throw new UserError('validation_failed', 'Company name must be 1 to 100 characters, e.g. "Contoso IT".', {
      field: 'companyName',
    });
  }
  if (helpdeskText.length < 1 || helpdeskText.length > 200) {
    throw new UserError(
      'validation_failed',
      'Help desk text must be 1 to 200 characters, e.g. "Call the IT Service Desk on 555-0100".',
      { field: 'helpdeskText' },
    );
  }
  if (
    helpdeskUrl !== '' &&
    !/^(https?:\/\/[^\s<>"]{1,500}|mailto:[^\s<>"]{1,300}|tel:[0-9+ ()-]{3,40})$/.test(helpdeskUrl)
  ) {
    throw new UserError(
      'validation_failed',
      'Help desk link must be empty or an https://, http://, mailto: or tel: address, e.g. https://it.contoso.com/help.',
      { field: 'helpdeskUrl' },
    );
  }
  if (noticeText.length > 4000) {
    throw new UserError('validation_failed', 'The notice text may be at most 4000 characters.', {
      field: 'noticeText',
    });
  }
  if (input.displayNotice && noticeText.length === 0) {
    throw new UserError('validation_failed', 'Write a notice text, or turn off "Display the notice".', {
      field: 'noticeText',
    });
  }
  return { companyName, helpdeskText, helpdeskUrl, displayNotice: input.displayNotice, noticeText };
}

function pickBranding(value: Partial<Branding>): Partial<Branding> {
  const out: Partial<Branding> = {};
  if (typeof value.companyName === 'string') out.companyName = value.companyName;
  if (typeof value.helpdeskText === 'string') out.helpdeskText = value.helpdeskText;
  if (typeof value.helpdeskUrl === 'string') out.helpdeskUrl = value.helpdeskUrl;
  if (typeof value.displayNotice === 'boolean') out.displayNotice = value.displayNotice;
  if (typeof value.noticeText === 'string') out.noticeText = value.noticeText;
  return out;
}
