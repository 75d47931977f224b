// Help Desk › Drive Recovery (MBAM "Recover access to an encrypted drive"): the end user's domain and
// user name (Helpdesk; optional for Advanced Helpdesk), the recovery key id (8 digits or all 32) and a
// reason; the answer is the recovery password with Copy and Save, and the key package.
import {
  describedBy,
  ErrorSummary,
  FieldFrame,
  type FormErrors,
  Layout,
  PostForm,
  SelectField,
  SubmitButton,
  TextAreaField,
} from '../shell';
import type { DriveRecoveryOutcome } from '../../recovery/recovery-types';
import { HelpdeskTabs } from './tabs';
import {
  DRIVE_REASON_OPTIONS,
  DisclosedKeyView,
  EndUserFields,
  MatchesTable,
  driveRecoveryHref,
} from './recovery-parts';

export interface DriveRecoveryForm {
  domain: string;
  userName: string;
  keyId: string;
  reason: string;
  reasonText: string;
}

export interface DriveRecoveryPageProps {
  advanced: boolean;
  form: DriveRecoveryForm;
  errors: FormErrors;
  outcome: DriveRecoveryOutcome | null;
}

export function DriveRecoveryPage(props: DriveRecoveryPageProps) {
  const { form, errors, outcome } = props;
  return (
    <Layout title="Drive Recovery" heading="Help Desk" lead="Recover access to a BitLocker-encrypted drive.">
      <HelpdeskTabs current="/helpdesk" advanced={props.advanced} />
      {outcome?.kind === 'disclosed' ? (
        <DisclosedKeyView disclosed={outcome.disclosed} showKeyPackage />
      ) : null}
      {outcome?.kind === 'ambiguous' ? (
        <MatchesTable matches={outcome.matches} truncated={outcome.truncated} pickHref={driveRecoveryHref} />
      ) : null}
      <h2 id="drive-recovery-form">{outcome ? 'Recover another drive' : 'Drive Recovery'}</h2>
      <ErrorSummary errors={errors} />
      <PostForm action="/helpdesk/drive-recovery" aria-label="Drive Recovery">
        <EndUserFields
          advanced={props.advanced}
          domain={form.domain}
          userName={form.userName}
          errors={errors}
          domainLabel="Domain"
          domainHint="The user's Windows logon domain, e.g. CONTOSO"
        />
        <KeyIdField value={form.keyId} error={errors.keyId} />
        <ReasonFields
          reason={form.reason}
          reasonText={form.reasonText}
          errors={errors}
          options={DRIVE_REASON_OPTIONS}
        />
        <SubmitButton label="Get the recovery key" />
      </PostForm>
    </Layout>
  );
}

/** Not a plain Field: it needs minLength, and data-key-id for app.js to insert the dashes as it is typed. */
export function KeyIdField(props: { value: string; error?: string }) {
  const field = {
    name: 'keyId',
    label: 'Recovery key id',
    hint: 'At least the first 8 characters of the key id shown on the BitLocker recovery screen, or all 32.',
    error: props.error,
    required: true,
  };
  return (
    <FieldFrame {...field}>
      <input
        id="field-keyId"
        name="keyId"
        type="text"
        value={props.value}
        required
        minLength={8}
        maxLength={40}
        autocomplete="off"
        spellcheck={false}
        data-key-id=""
        class="mono"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(field)}
      />
    </FieldFrame>
  );
}

export function ReasonFields(props: {
  reason: string;
  reasonText: string;
  errors: FormErrors;
  options: { value: string; label: string }[];
}) {
  return (
    <>
      <SelectField
        name="reason"
        label="Reason"
        options={props.options}
        value={props.reason}
        placeholder="Choose a reason"
        error={props.errors.reason}
        required
      />
      <TextAreaField
        name="reasonText"
        label="Reason, in your words"
        hint='Required when the reason is "Other".'
        value={props.reasonText}
        error={props.errors.reasonText}
        rows={2}
        maxLength={500}
      />
    </>
  );
}
