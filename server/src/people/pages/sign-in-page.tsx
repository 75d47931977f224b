// Sign in: the organization's OpenID Connect provider and/or a local account.
import {
  ErrorSummary,
  Field,
  type FormErrors,
  Layout,
  Notice,
  PostForm,
  SubmitButton,
} from '../../portals/shell';

export interface SignInPageProps {
  next: string;
  userName: string;
  errors: FormErrors;
  /** why the person is here: their session ended, they signed out */
  reason: 'idle' | 'signed-out' | 'password-changed' | null;
  idleMinutes: number;
  oidcLabel: string | null;
  localSignIn: boolean;
}

export function SignInPage(props: SignInPageProps) {
  return (
    <Layout title="Sign in" lead="BitLocker drive recovery, help desk and administration.">
      {props.reason === 'idle' ? (
        <Notice kind="warning">
          You were signed out because the page was left unused. Sign in again to continue.
        </Notice>
      ) : null}
      {props.reason === 'signed-out' ? <Notice kind="success">You have signed out.</Notice> : null}
      {props.reason === 'password-changed' ? (
        <Notice kind="success">Your password was changed. Sign in with the new one.</Notice>
      ) : null}
      <ErrorSummary errors={props.errors} />
      {props.oidcLabel ? (
        <p>
          <a
            class="button"
            href={`/signin/oidc${props.next !== '/' ? `?next=${encodeURIComponent(props.next)}` : ''}`}
          >
            {props.oidcLabel}
          </a>
        </p>
      ) : null}
      {props.localSignIn ? (
        <section aria-labelledby="local-title">
          <h2 id="local-title">{props.oidcLabel ? 'Or use a local account' : 'Local account'}</h2>
          <PostForm action="/signin">
            <input type="hidden" name="next" value={props.next} />
            <Field
              name="userName"
              label="User name"
              value={props.userName}
              required
              autocomplete="username"
              spellcheck={false}
              maxLength={256}
              error={props.errors.userName}
            />
            <Field
              name="password"
              label="Password"
              type="password"
              required
              autocomplete="current-password"
              maxLength={1024}
              error={props.errors.password}
            />
            <SubmitButton label="Sign in" />
          </PostForm>
        </section>
      ) : null}
      {!props.oidcLabel && !props.localSignIn ? (
        <Notice kind="error">No sign-in method is configured. Ask the server's administrator.</Notice>
      ) : null}
    </Layout>
  );
}
