// My account: who I am, my roles, my personal API tokens (create: shown once; revoke).
import {
  RowAction,
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
  usePageContext,
} from '../../portals/shell';
import type { ApiToken } from '../api-tokens';

export interface AccountPageProps {
  tokens: ApiToken[];
  newToken: { label: string; token: string } | null;
  errors: FormErrors;
  label: string;
  done: 'revoked' | 'password' | null;
}

export function AccountPage(props: AccountPageProps) {
  const { principal } = usePageContext();
  if (!principal) return null;
  return (
    <Layout title="My account">
      {props.done === 'revoked' ? <Notice kind="success">The token was revoked.</Notice> : null}
      {props.done === 'password' ? <Notice kind="success">Your password was changed.</Notice> : null}
      <dl class="facts">
        <dt>User name</dt>
        <dd>{principal.userName}</dd>
        <dt>Name</dt>
        <dd>{principal.displayName}</dd>
        <dt>Roles</dt>
        <dd>{principal.roles.length ? principal.roles.join(', ') : 'none (Self-Service Portal only)'}</dd>
        <dt>Signed in with</dt>
        <dd>{principal.source === 'oidc' ? 'your organization account' : 'a local account'}</dd>
      </dl>
      {principal.source === 'local' ? (
        <p>
          <a href="/account/password">Change your password</a>
        </p>
      ) : null}

      <h2 id="tokens">Personal API tokens</h2>
      <p>
        A token lets a script do what you may do in the portals, through <code>/api/v1</code> with{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>. Every use is audited in your name.
      </p>
      {props.newToken ? (
        <SecretValue
          id="new-token"
          label={`New token "${props.newToken.label}"`}
          value={props.newToken.token}
          hint="Copy it now: it is shown only once and cannot be retrieved later."
        />
      ) : null}
      <ErrorSummary errors={props.errors} />
      <PostForm action="/account/tokens" aria-label="Create an API token">
        <Field
          name="label"
          label="Token name"
          hint='Where the token is used, e.g. "nightly compliance export".'
          required
          maxLength={100}
          value={props.label}
          error={props.errors.label}
        />
        <Field
          name="expiresInDays"
          label="Expires after (days)"
          type="number"
          inputMode="numeric"
          hint="1 to 730; leave empty for a token that does not expire."
          value=""
          error={props.errors.expiresInDays}
        />
        <SubmitButton label="Create token" />
      </PostForm>
      {props.tokens.length ? (
        <ListTable
          caption="Your tokens"
          columns={['Name', 'Created', 'Expires', 'Last used', 'State']}
          actions
        >
          {props.tokens.map((t) => (
            <tr key={t.id}>
              <td data-label="Name">{t.label}</td>
              <td data-label="Created">{shortTime(t.createdAt)}</td>
              <td data-label="Expires">{t.expiresAt ? t.expiresAt.slice(0, 10) : 'never'}</td>
              <td data-label="Last used">{t.lastUsedAt ? shortTime(t.lastUsedAt) : 'never'}</td>
              <td data-label="State">{t.state}</td>
              <td class="actions-cell">
                {t.state === 'active' ? (
                  <RowAction
                    action={`/account/tokens/${t.id}/revoke`}
                    label="Revoke"
                    aria-label={`Revoke token ${t.label}`}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </ListTable>
      ) : (
        <p>You have no tokens.</p>
      )}
    </Layout>
  );
}
