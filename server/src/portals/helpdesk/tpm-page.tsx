// Help Desk › Manage TPM: the TPM owner password file of a computer, for "Reset TPM lockout" in the
// TPM Management console. Never give it to the end user (MBAM's own warning).
import { ErrorSummary, type FormErrors, Layout, Notice, PostForm, SubmitButton } from '../shell';
import type { DisclosedTpmOwnerAuth } from '../../recovery/recovery-types';
import { tpmFileName, tpmOwnerPasswordFile } from '../../recovery/tpm-file';
import { ReasonFields } from './drive-recovery-page';
import { ComputerFields, EndUserFields, TPM_REASON_OPTIONS, dataUrl } from './recovery-parts';
import { HelpdeskTabs } from './tabs';

export interface TpmForm {
  computerDomain: string;
  computerName: string;
  domain: string;
  userName: string;
  reason: string;
  reasonText: string;
}

export interface TpmPageProps {
  advanced: boolean;
  form: TpmForm;
  errors: FormErrors;
  disclosed: DisclosedTpmOwnerAuth | null;
}

export function TpmPage(props: TpmPageProps) {
  const { form, errors, disclosed } = props;
  return (
    <Layout
      title="Manage TPM"
      heading="Help Desk"
      lead="Get the TPM owner password file of a computer to reset a TPM lockout."
    >
      <HelpdeskTabs current="/helpdesk/tpm" advanced={props.advanced} />
      {disclosed ? (
        <section aria-labelledby="tpm-heading" class="result">
          <h2 id="tpm-heading">TPM owner password of {disclosed.computerName}</h2>
          <Notice kind="warning">
            Use this file in the TPM Management console (tpm.msc › Reset TPM lockout) yourself. Never give the
            file or its content to the end user.
          </Notice>
          <div class="actions">
            <a
              class="button"
              href={dataUrl(
                'application/octet-stream',
                tpmOwnerPasswordFile(disclosed.ownerAuth, disclosed.computerName),
              )}
              download={tpmFileName(disclosed.computerName)}
            >
              Save the TPM owner password file ({tpmFileName(disclosed.computerName)})
            </a>
          </div>
          <p class="hint">Escrowed on {disclosed.escrowedAt.slice(0, 10)}.</p>
        </section>
      ) : null}
      <h2>{disclosed ? 'Another computer' : 'Manage TPM'}</h2>
      <ErrorSummary errors={errors} />
      <PostForm action="/helpdesk/tpm" aria-label="Manage TPM">
        <fieldset class="field">
          <legend>Computer</legend>
          <ComputerFields
            names={{ domain: 'computerDomain', computerName: 'computerName' }}
            domain={form.computerDomain}
            computerName={form.computerName}
            domainError={errors.computerDomain}
            computerNameError={errors.computerName}
          />
        </fieldset>
        <EndUserFields
          advanced={props.advanced}
          domain={form.domain}
          userName={form.userName}
          errors={errors}
          domainLabel="User domain"
          domainHint="e.g. CONTOSO"
        />
        <ReasonFields
          reason={form.reason}
          reasonText={form.reasonText}
          errors={errors}
          options={TPM_REASON_OPTIONS}
        />
        <SubmitButton label="Get the TPM owner password file" />
      </PostForm>
    </Layout>
  );
}
