// The Help Desk's sections, as MBAM's left-hand menu: Drive Recovery, Manage TPM, and for Advanced
// Helpdesk the keys of a computer.
export function HelpdeskTabs(props: { current: string; advanced: boolean }) {
  const tabs = [
    { href: '/helpdesk', label: 'Drive Recovery' },
    { href: '/helpdesk/tpm', label: 'Manage TPM' },
    ...(props.advanced ? [{ href: '/helpdesk/computers', label: 'Computer keys' }] : []),
  ];
  return (
    <nav aria-label="Help Desk" class="subnav">
      <ul>
        {tabs.map((t) => (
          <li key={t.href}>
            <a href={t.href} aria-current={t.href === props.current ? 'page' : undefined}>
              {t.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
