import { Layout } from '../shell';
import { ADMIN_SECTIONS } from './admin-nav';

const TEXT: Record<string, string> = {
  '/admin/enrollment-tokens':
    'Create the tokens that installers give the MBAM client to enroll; revoke them.',
  '/admin/devices': 'Enrolled computers and their agent keys; revoke a lost or retired device.',
  '/admin/users': 'Local accounts: add people with a one-time password, change roles, disable.',
  '/admin/role-mappings': 'Which groups or app roles of your sign-in provider grant which role.',
  '/admin/branding': 'Company name, help desk contact and the Self-Service Portal notice.',
  '/admin/configuration': 'The configuration in force (read-only; secrets are not shown).',
};

export function AdminHomePage() {
  return (
    <Layout title="Administration" lead="Configure OpenMBAM. Every change is recorded in the audit log.">
      <ul class="cards">
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.href}>
            <h2>
              <a href={s.href}>{s.label}</a>
            </h2>
            <p>{TEXT[s.href]}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
