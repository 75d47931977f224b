import type { Branding } from '../branding';
import {
  Checkbox,
  ErrorSummary,
  Field,
  type FormErrors,
  Layout,
  Notice,
  PostForm,
  SubmitButton,
  TextAreaField,
} from '../shell';
import { AdminNav } from './admin-nav';

export function BrandingPage(props: { values: Branding; errors: FormErrors; saved: boolean }) {
  const v = props.values;
  return (
    <Layout
      title="Branding"
      lead="What people see on every page and on the Self-Service Portal (MBAM's CompanyName, HelpdeskText, HelpdeskUrl and notice)."
    >
      <AdminNav />
      {props.saved ? <Notice kind="success">Branding saved.</Notice> : null}
      <ErrorSummary errors={props.errors} />
      <PostForm action="/admin/branding" aria-label="Branding">
        <Field
          name="companyName"
          label="Company name"
          required
          maxLength={100}
          value={v.companyName}
          error={props.errors.companyName}
        />
        <Field
          name="helpdeskText"
          label="Help desk text"
          required
          maxLength={200}
          value={v.helpdeskText}
          hint="Shown at the foot of every page and when a key cannot be recovered."
          error={props.errors.helpdeskText}
        />
        <Field
          name="helpdeskUrl"
          label="Help desk link"
          type="url"
          maxLength={500}
          value={v.helpdeskUrl}
          hint="https://…, mailto:… or tel:…; leave empty for plain text."
          error={props.errors.helpdeskUrl}
        />
        <Checkbox
          name="displayNotice"
          label="Display the notice on the Self-Service Portal"
          checked={v.displayNotice}
        />
        <TextAreaField
          name="noticeText"
          label="Self-Service notice"
          rows={6}
          maxLength={4000}
          value={v.noticeText}
          hint="Plain text; a blank line starts a new paragraph."
          error={props.errors.noticeText}
        />
        <SubmitButton label="Save branding" />
      </PostForm>
    </Layout>
  );
}
