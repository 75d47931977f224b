import type { LocalUser } from '../../people/local-users';
import { ROLES } from '../../people/roles';
import {
  CheckboxGroup,
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

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: r }));
const ROLES_HINT =
  'No role: Self-Service Portal only. Advanced Helpdesk needs no end-user name to recover a key.';

export interface UsersPageProps {
  users: LocalUser[];
  created: { userName: string; oneTimePassword: string } | null;
  errors: FormErrors;
  values: { userName: string; displayName: string; roles: string[] };
}

export function UsersPage(props: UsersPageProps) {
  return (
    <Layout title="Local users" lead="Accounts for sign-in without an OpenID Connect provider.">
      <AdminNav />
      {props.created ? (
        <SecretValue
          id="one-time-password"
          label={`One-time password for ${props.created.userName}`}
          value={props.created.oneTimePassword}
          hint="Give it to the person by a separate channel; it is shown only once and must be changed at first sign-in."
        />
      ) : null}
      <h2>Add a user</h2>
      <ErrorSummary errors={props.errors} />
      <PostForm action="/admin/users" aria-label="Add a local user">
        <Field
          name="userName"
          label="User name"
          required
          maxLength={256}
          spellcheck={false}
          autocomplete="off"
          value={props.values.userName}
          hint="e.g. alice or CONTOSO\alice"
          error={props.errors.userName}
        />
        <Field
          name="displayName"
          label="Display name"
          maxLength={256}
          value={props.values.displayName}
          error={props.errors.displayName}
        />
        <CheckboxGroup
          name="roles"
          legend="Roles"
          options={ROLE_OPTIONS}
          checked={props.values.roles}
          hint={ROLES_HINT}
          error={props.errors.roles}
        />
        <SubmitButton label="Add user" />
      </PostForm>
      <h2>Users</h2>
      <ListTable
        caption="Local users"
        captionHidden
        columns={['User name', 'Display name', 'Roles', 'State', 'Created']}
      >
        {props.users.map((u) => (
          <tr key={u.id}>
            <td data-label="User name">
              <a href={`/admin/users/${u.id}`}>{u.userName}</a>
            </td>
            <td data-label="Display name">{u.displayName}</td>
            <td data-label="Roles">{u.roles.length ? u.roles.join(', ') : 'Self-Service only'}</td>
            <td data-label="State">
              {u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active'}
            </td>
            <td data-label="Created">{shortTime(u.createdAt)}</td>
          </tr>
        ))}
      </ListTable>
    </Layout>
  );
}

export interface UserPageProps {
  user: LocalUser;
  errors: FormErrors;
  oneTimePassword: string | null;
  done: 'roles' | 'disabled' | 'enabled' | null;
}

export function UserPage(props: UserPageProps) {
  const u = props.user;
  return (
    <Layout title={`Local user ${u.userName}`}>
      <AdminNav />
      {props.done === 'roles' ? (
        <Notice kind="success">
          Roles saved. The user's sessions were ended so the change applies at once.
        </Notice>
      ) : null}
      {props.done === 'disabled' ? (
        <Notice kind="success">The account is disabled and its sessions ended.</Notice>
      ) : null}
      {props.done === 'enabled' ? <Notice kind="success">The account is enabled.</Notice> : null}
      {props.oneTimePassword ? (
        <SecretValue
          id="one-time-password"
          label={`New one-time password for ${u.userName}`}
          value={props.oneTimePassword}
          hint="Shown only once; it must be changed at next sign-in."
        />
      ) : null}
      <ErrorSummary errors={props.errors} />
      <dl class="facts">
        <dt>Display name</dt>
        <dd>{u.displayName}</dd>
        <dt>State</dt>
        <dd>
          {u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password at next sign-in' : 'active'}
        </dd>
        <dt>Created</dt>
        <dd>{shortTime(u.createdAt)}</dd>
      </dl>
      <h2>Roles</h2>
      <PostForm action={`/admin/users/${u.id}/roles`} aria-label="Roles">
        <CheckboxGroup
          name="roles"
          legend={`Roles of ${u.userName}`}
          options={ROLE_OPTIONS}
          checked={u.roles}
          hint={ROLES_HINT}
          error={props.errors.roles}
        />
        <SubmitButton label="Save roles" />
      </PostForm>
      <h2>Account</h2>
      <div class="actions">
        <PostForm action={`/admin/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`} class="inline">
          <SubmitButton
            kind={u.disabled ? 'secondary' : 'danger'}
            label={u.disabled ? 'Enable account' : 'Disable account'}
          />
        </PostForm>
        <PostForm action={`/admin/users/${u.id}/reset-password`} class="inline">
          <SubmitButton kind="secondary" label="Issue a new one-time password" />
        </PostForm>
      </div>
    </Layout>
  );
}
