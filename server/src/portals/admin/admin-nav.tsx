// The Administration section's own navigation (a second nav landmark, labelled).
import { currentPage, usePageContext } from '../shell';

export const ADMIN_SECTIONS = [
  { href: '/admin/enrollment-tokens', label: 'Enrollment tokens' },
  { href: '/admin/devices', label: 'Devices' },
  { href: '/admin/users', label: 'Local users' },
  { href: '/admin/role-mappings', label: 'Role mappings' },
  { href: '/admin/branding', label: 'Branding' },
  { href: '/admin/configuration', label: 'Configuration' },
];

export function AdminNav() {
  const { path } = usePageContext();
  return (
    <nav aria-label="Administration" class="subnav">
      <ul>
        {ADMIN_SECTIONS.map((i) => (
          <li key={i.href}>
            <a href={i.href} aria-current={currentPage(path, i.href)}>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
