import type { EnrollmentToken } from '../../enrollment/tokens';
import {
  RowAction,
  Checkbox,
  ErrorSummary,
  Field,
  type FormErrors,
  Layout,
  ListTable,
  Notice,
  PostForm,
  SecretValue,
  shortTime,
  SubmitButton,
} from '../shell';
import { AdminNav } from './admin-nav';

export interface EnrollmentTokensPageProps {
  tokens: EnrollmentToken[];
  created: { token: string; label: string } | null;
  errors: FormErrors;
  values: { label: string; uses: string; expiresInDays: string; allowReenrollment: boolean };
  done: 'revoked' | null;
}

export function EnrollmentTokensPage(props: EnrollmentTokensPageProps) {
  return (
    <Layout
      title="Enrollment tokens"
      lead="The MBAM client enrolls with a token, given to the installer as ENROLLMENTTOKEN."
    >
      <AdminNav />
      {props.done === 'revoked' ? (
        <Notice kind="success">The token was revoked; no further device can enroll with it.</Notice>
      ) : null}
      {props.created ? (
        <SecretValue
          id="new-enrollment-token"
          label={`New enrollment token${props.created.label ? ` "${props.created.label}"` : ''}`}
          value={props.created.token}
          hint="Copy it now: it is shown only once. Give it to the installer, e.g. msiexec /i OpenMBAM.msi ENROLLMENTTOKEN=…"
        />
      ) : null}
      <h2>Create a token</h2>
      <ErrorSummary errors={props.errors} />
      <PostForm action="/admin/enrollment-tokens" aria-label="Create an enrollment token">
        <Field
          name="label"
          label="Name"
          hint='What it is for, e.g. "Laptops, Q4 rollout".'
          maxLength={200}
          value={props.values.label}
          error={props.errors.label}
        />
        <Field
          name="uses"
          label="Devices it may enroll"
          type="number"
          inputMode="numeric"
          required
          value={props.values.uses}
          hint="1 to 1,000,000."
          error={props.errors.uses}
        />
        <Field
          name="expiresInDays"
          label="Valid for (days)"
          type="number"
          inputMode="numeric"
          required
          value={props.values.expiresInDays}
          hint="1 to 365."
          error={props.errors.expiresInDays}
        />
        <Checkbox
          name="allowReenrollment"
          label="May enroll computers that are already known"
          hint="For re-imaged computers: their earlier devices are revoked. Leave off for fleet tokens."
          checked={props.values.allowReenrollment}
        />
        <SubmitButton label="Create token" />
      </PostForm>
      <h2>Tokens</h2>
      {props.tokens.length === 0 ? (
        <p>No enrollment tokens yet.</p>
      ) : (
        <ListTable
          caption="Enrollment tokens"
          captionHidden
          columns={['Name', 'State', 'Used', 'Created', 'Expires']}
          actions
        >
          {props.tokens.map((t) => (
            <tr key={t.id}>
              <td data-label="Name">{t.label || <span class="hint">(no name)</span>}</td>
              <td data-label="State">
                <span class="badge">{t.state}</span>
              </td>
              <td data-label="Used">{`${t.uses} of ${t.maxUses}`}</td>
              <td data-label="Created">{shortTime(t.createdAt)}</td>
              <td data-label="Expires">{shortTime(t.expiresAt)}</td>
              <td class="actions-cell">
                {t.state === 'active' ? (
                  <RowAction
                    action={`/admin/enrollment-tokens/${t.id}/revoke`}
                    label="Revoke"
                    aria-label={`Revoke enrollment token ${t.label || t.id}`}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
    </Layout>
  );
}
