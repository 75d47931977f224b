// Pieces the Help Desk and Self-Service pages share: reason choices, the disclosed key with Copy and
// Save, the list of matches of an ambiguous key id, and "already disclosed / rotated" states.
import { Field, type FormErrors, ListTable, Notice, SecretValue, type SelectOption } from '../shell';
import { DRIVE_REASONS, TPM_REASONS } from '../../recovery/reasons';
import type { DisclosedKey, KeyMatch } from '../../recovery/recovery-types';

const options = (reasons: Record<string, string>): SelectOption[] =>
  Object.entries(reasons).map(([value, label]) => ({ value, label }));
const OTHER: SelectOption = { value: 'Other', label: 'Other (describe below)' };

export const DRIVE_REASON_OPTIONS = [...options(DRIVE_REASONS), ...options(TPM_REASONS), OTHER];
export const TPM_REASON_OPTIONS = [...options(TPM_REASONS), ...options(DRIVE_REASONS), OTHER];
export const SELF_SERVICE_REASON_OPTIONS = [...options(DRIVE_REASONS), OTHER];

/** A file offered for download straight from the page (no second request, so no second disclosure). */
export const dataUrl = (mediaType: string, content: string | Buffer): string =>
  typeof content === 'string'
    ? `data:${mediaType};charset=utf-8,${encodeURIComponent(content)}`
    : `data:${mediaType};base64,${content.toString('base64')}`;

const fileSafe = (value: string): string => value.replace(/[^A-Za-z0-9_-]/g, '');

/** The drive as the end user knows it: its letter (— for none) and its type. */
export const driveOf = (k: KeyMatch): string => `${k.mountPoint ?? '—'} ${k.driveType}`;

/** Drive Recovery with this key id filled in (without braces, as typed from the recovery screen). */
export const driveRecoveryHref = (k: KeyMatch): string =>
  `/helpdesk?keyId=${encodeURIComponent(k.keyId.replace(/[{}]/g, ''))}`;

export function KeyState(props: { keyMatch: KeyMatch }) {
  const k = props.keyMatch;
  if (k.rotatedAt) return <span class="badge">Disclosed, replaced on {k.rotatedAt.slice(0, 10)}</span>;
  if (k.disclosedAt)
    return <span class="badge">Disclosed on {k.disclosedAt.slice(0, 10)}, not yet replaced</span>;
  return <span class="badge">Not disclosed</span>;
}

export function DisclosedKeyView(props: { disclosed: DisclosedKey; showKeyPackage: boolean }) {
  const d = props.disclosed;
  const k = d.key;
  const text = [
    'BitLocker recovery password',
    `Computer: ${k.domain}\\${k.computerName}`,
    `Drive: ${k.mountPoint ?? k.volumeId} (${k.driveType})`,
    `Recovery key id: ${k.keyId}`,
    `Recovery password: ${d.recoveryPassword}`,
    '',
    'This key works once: after it is used, the computer replaces it.',
    '',
  ].join('\r\n');
  const id = fileSafe(k.keyId).slice(0, 8);
  return (
    <section aria-labelledby="key-heading" class="result">
      <h2 id="key-heading">BitLocker recovery key</h2>
      <dl class="facts">
        <dt>Computer</dt>
        <dd>
          {k.computerName} ({k.domain})
        </dd>
        <dt>Drive</dt>
        <dd>{driveOf(k)}</dd>
        <dt>Recovery key id</dt>
        <dd>
          <code>{k.keyId}</code>
        </dd>
        <dt>State</dt>
        <dd>
          <KeyState keyMatch={k} />
        </dd>
      </dl>
      {d.previouslyDisclosed ? (
        <Notice kind="warning">
          This key had already been disclosed{k.rotatedAt ? ' and the computer has replaced it' : ''}. If the
          drive still asks for it, the computer has not checked in since.
        </Notice>
      ) : (
        <Notice kind="info">
          The key is now marked as disclosed: the computer replaces it with a new one at its next check-in.
        </Notice>
      )}
      <SecretValue id="recovery-password" label="Recovery password (48 digits)" value={d.recoveryPassword} />
      <div class="actions">
        <a
          class="button button-secondary"
          href={dataUrl('text/plain', text)}
          download={`BitLocker Recovery Key ${id}.txt`}
        >
          Save as a text file
        </a>
        {props.showKeyPackage && d.keyPackage ? (
          <a
            class="button button-secondary"
            href={dataUrl('application/octet-stream', d.keyPackage)}
            download={`BitLocker Key Package ${id}.kpg`}
          >
            Download the key package (for repair-bde)
          </a>
        ) : null}
      </div>
    </section>
  );
}

export function MatchesTable(props: {
  matches: KeyMatch[];
  truncated: boolean;
  pickHref?: (k: KeyMatch) => string;
}) {
  return (
    <section aria-labelledby="matches-heading">
      <h2 id="matches-heading">Several keys match</h2>
      <p>
        {props.matches.length}
        {props.truncated ? ' or more' : ''} recovery keys start with these digits. Enter the full 32-digit key
        id shown on the recovery screen{props.pickHref ? ', or pick the key below' : ''}.
      </p>
      <ListTable caption="Matching recovery keys" columns={['Computer', 'Drive', 'Recovery key id', 'State']}>
        {props.matches.map((k) => (
          <tr key={k.keyId + k.volumeId}>
            <td data-label="Computer">
              {k.computerName} ({k.domain})
            </td>
            <td data-label="Drive">{driveOf(k)}</td>
            <td data-label="Recovery key id">
              {props.pickHref ? <a href={props.pickHref(k)}>{k.keyId}</a> : <code>{k.keyId}</code>}
            </td>
            <td data-label="State">
              <KeyState keyMatch={k} />
            </td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}

/** The computer's domain and name; the field names are those of the form they are in. */
export function ComputerFields(props: {
  names: { domain: string; computerName: string };
  domain: string;
  computerName: string;
  domainError: string | undefined;
  computerNameError: string | undefined;
}) {
  const plain = { autocomplete: 'off', spellcheck: false, required: true } as const;
  return (
    <>
      <Field
        name={props.names.domain}
        label="Computer domain"
        hint="e.g. contoso.com"
        value={props.domain}
        error={props.domainError}
        {...plain}
      />
      <Field
        name={props.names.computerName}
        label="Computer name"
        hint="e.g. PC-0001"
        value={props.computerName}
        error={props.computerNameError}
        {...plain}
      />
    </>
  );
}

/** The end user's domain and user name: required for Helpdesk, optional for Advanced Helpdesk. */
export function EndUserFields(props: {
  advanced: boolean;
  domain: string;
  userName: string;
  errors: FormErrors;
  domainLabel: string;
  domainHint: string;
}) {
  const plain = { autocomplete: 'off', spellcheck: false, required: !props.advanced } as const;
  return (
    <fieldset class="field">
      <legend>End user{props.advanced ? ' (optional for Advanced Helpdesk)' : ''}</legend>
      <Field
        name="domain"
        label={props.domainLabel}
        hint={props.domainHint}
        value={props.domain}
        error={props.errors.domain}
        {...plain}
      />
      <Field
        name="userName"
        label="User name"
        hint="e.g. alice"
        value={props.userName}
        error={props.errors.userName}
        {...plain}
      />
    </fieldset>
  );
}
