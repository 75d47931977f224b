import type { RoleMapping } from '../../people/role-mappings';
import {
  RowAction,
  ErrorSummary,
  Field,
  type FormErrors,
  Layout,
  ListTable,
  Notice,
  PostForm,
  SelectField,
  SubmitButton,
} from '../shell';
import { AdminNav } from './admin-nav';
import { ROLE_OPTIONS } from './users-page';

export interface RoleMappingsPageProps {
  mappings: RoleMapping[];
  claim: string | null;
  errors: FormErrors;
  values: { claimValue: string; role: string };
  done: 'added' | 'removed' | null;
}

export function RoleMappingsPage(props: RoleMappingsPageProps) {
  return (
    <Layout
      title="Role mappings"
      lead="People who sign in with your organization's provider get the roles their groups or app roles map to (MBAM 2.5's access groups)."
    >
      <AdminNav />
      {props.claim === null ? (
        <Notice kind="info">
          OpenID Connect sign-in is not configured on this server; mappings take effect once it is
          (server/docs/sign-in.md).
        </Notice>
      ) : (
        <p>
          Claim read from the ID token: <code>{props.claim}</code>. Changes apply at each person's next
          sign-in.
        </p>
      )}
      {props.done === 'added' ? <Notice kind="success">Mapping added.</Notice> : null}
      {props.done === 'removed' ? <Notice kind="success">Mapping removed.</Notice> : null}
      <h2>Add a mapping</h2>
      <ErrorSummary errors={props.errors} />
      <PostForm action="/admin/role-mappings" aria-label="Add a role mapping">
        <Field
          name="claimValue"
          label="Group or app role"
          required
          maxLength={256}
          spellcheck={false}
          value={props.values.claimValue}
          hint="Exactly as the provider sends it, e.g. MBAM Helpdesk Users or a group object id."
          error={props.errors.claimValue}
        />
        <SelectField
          name="role"
          label="Grants the role"
          required
          options={ROLE_OPTIONS}
          value={props.values.role}
          placeholder="Choose a role"
          error={props.errors.role}
        />
        <SubmitButton label="Add mapping" />
      </PostForm>
      <h2>Mappings</h2>
      {props.mappings.length === 0 ? (
        <p>No mappings: people who sign in with the provider may use only the Self-Service Portal.</p>
      ) : (
        <ListTable
          caption="Role mappings"
          captionHidden
          columns={['Group or app role', 'Role', 'Set in']}
          actions
        >
          {props.mappings.map((m) => (
            <tr key={m.id}>
              <td data-label="Group or app role" class="mono">
                {m.claimValue}
              </td>
              <td data-label="Role">{m.role}</td>
              <td data-label="Set in">
                {m.origin === 'configuration' ? 'configuration file' : `portal, by ${m.createdBy ?? '?'}`}
              </td>
              <td class="actions-cell">
                {m.origin === 'database' ? (
                  <RowAction
                    action={`/admin/role-mappings/${m.id}/delete`}
                    label="Remove"
                    aria-label={`Remove mapping ${m.claimValue} to ${m.role}`}
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
