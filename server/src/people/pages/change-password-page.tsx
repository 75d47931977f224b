// Choosing a new password: forced at first sign-in with a one-time password, and available any time.
import {
  ErrorSummary,
  Field,
  type FormErrors,
  Layout,
  Notice,
  PostForm,
  SubmitButton,
} from '../../portals/shell';
import { PASSWORD_RULE } from '../local-sign-in';

export interface ChangePasswordPageProps {
  forced: boolean;
  errors: FormErrors;
  userName: string;
}

export function ChangePasswordPage(props: ChangePasswordPageProps) {
  return (
    <Layout title="Choose a new password">
      {props.forced ? (
        <Notice kind="info">
          You signed in with a one-time password. Choose your own password before you continue.
        </Notice>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <PostForm action="/account/password">
        {/* lets password managers tie the new password to the account */}
        <input type="hidden" name="userName" autocomplete="username" value={props.userName} />
        <Field
          name="currentPassword"
          label={props.forced ? 'One-time password' : 'Current password'}
          type="password"
          required
          autocomplete="current-password"
          error={props.errors.currentPassword}
        />
        <Field
          name="newPassword"
          label="New password"
          type="password"
          required
          autocomplete="new-password"
          hint={PASSWORD_RULE}
          error={props.errors.newPassword}
        />
        <Field
          name="confirmPassword"
          label="New password again"
          type="password"
          required
          autocomplete="new-password"
          error={props.errors.confirmPassword}
        />
        <SubmitButton label="Change password" />
      </PostForm>
    </Layout>
  );
}
