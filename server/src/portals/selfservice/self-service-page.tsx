// The Self-Service Portal (MBAM 2.0+): the signed-in user types at least the first 8 characters of the
// recovery key id, picks a reason, accepts the notice, and reads "Your BitLocker Recovery Key", for a
// computer they have signed in to. Branding (company, help desk text and link, notice) from the
// administration settings.
import {
  Checkbox,
  ErrorSummary,
  type FormErrors,
  Layout,
  Notice,
  PostForm,
  SubmitButton,
  usePageContext,
} from '../shell';
import type { DriveRecoveryOutcome } from '../../recovery/recovery-types';
import { KeyIdField, ReasonFields } from '../helpdesk/drive-recovery-page';
import { DisclosedKeyView, MatchesTable, SELF_SERVICE_REASON_OPTIONS } from '../helpdesk/recovery-parts';

export interface SelfServiceForm {
  keyId: string;
  reason: string;
  reasonText: string;
  acceptNotice: boolean;
}

export interface SelfServicePageProps {
  form: SelfServiceForm;
  errors: FormErrors;
  outcome: DriveRecoveryOutcome | null;
}

export function SelfServicePage(props: SelfServicePageProps) {
  const { branding } = usePageContext();
  const { form, errors, outcome } = props;
  return (
    <Layout
      title="Self-Service Portal"
      heading="Get your BitLocker recovery key"
      lead={`${branding.companyName}: unlock a computer you use with its BitLocker recovery key.`}
    >
      {outcome?.kind === 'disclosed' ? (
        <>
          <Notice kind="success">Type this recovery password on the BitLocker recovery screen.</Notice>
          <DisclosedKeyView disclosed={outcome.disclosed} showKeyPackage={false} />
        </>
      ) : null}
      {outcome?.kind === 'ambiguous' ? (
        <MatchesTable matches={outcome.matches} truncated={outcome.truncated} />
      ) : null}
      <ErrorSummary errors={errors} />
      {outcome?.kind !== 'disclosed' ? (
        <PostForm action="/selfservice" aria-label="Get your recovery key">
          <KeyIdField value={form.keyId} error={errors.keyId} />
          <ReasonFields
            reason={form.reason}
            reasonText={form.reasonText}
            errors={errors}
            options={SELF_SERVICE_REASON_OPTIONS}
          />
          {branding.displayNotice ? (
            <section
              aria-labelledby="notice-heading"
              class={errors.acceptNotice ? 'field field-error' : 'field'}
            >
              <h2 id="notice-heading">Notice</h2>
              {branding.noticeText.split(/\n\s*\n/).map((paragraph, i) => (
                <p key={i}>{paragraph}</p>
              ))}
              {errors.acceptNotice ? (
                <p class="error-message" id="field-acceptNotice-error">
                  <span class="visually-hidden">Error: </span>
                  {errors.acceptNotice}
                </p>
              ) : null}
              <Checkbox
                name="acceptNotice"
                label="I have read and accept the notice"
                checked={form.acceptNotice}
              />
            </section>
          ) : null}
          <SubmitButton label="Get key" />
        </PostForm>
      ) : (
        <p>
          <a href="/selfservice">Get another key</a>
        </p>
      )}
      <p>
        Not your computer, or no key found?{' '}
        {branding.helpdeskUrl ? (
          <a href={branding.helpdeskUrl}>{branding.helpdeskText}</a>
        ) : (
          branding.helpdeskText
        )}
        .
      </p>
    </Layout>
  );
}
