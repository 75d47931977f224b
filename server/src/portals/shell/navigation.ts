// The portal sections a person may open, from the same table that authorizes the routes, so the
// navigation never offers a page that would answer 403.
import { accessFor, allows } from '../../people/authorization';
import type { Principal } from '../../people/principal';

export interface NavItem {
  href: string;
  label: string;
}

const SECTIONS: NavItem[] = [
  { href: '/helpdesk', label: 'Help Desk' },
  { href: '/reports', label: 'Reports' },
  { href: '/selfservice', label: 'Self-Service' },
  { href: '/admin', label: 'Administration' },
  { href: '/account', label: 'My account' },
];

/** aria-current for a link to a section: the section's own pages (/admin/users/42) are in it too. */
export const currentPage = (path: string, href: string): 'page' | undefined =>
  path === href || path.startsWith(`${href}/`) ? 'page' : undefined;

export function navigationFor(principal: Principal | null, registered: (href: string) => boolean): NavItem[] {
  if (!principal) return [];
  return SECTIONS.filter((item) => {
    const access = accessFor('GET', item.href);
    return access !== undefined && registered(item.href) && allows(access, principal.roles);
  });
}
