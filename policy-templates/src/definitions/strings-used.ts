// Which string ids a template uses, in the order the ADMX/ADML writers meet them. The ADML string table
// holds exactly the `$(string.X)` ids of its ADMX; presentation labels are written inline.
import type { PolicyDefinition, PolicyTemplate } from './vocabulary';

/** `$(string.X)` ids referenced from the ADMX, first use first, without duplicates. */
export function admxStringIds(t: PolicyTemplate): string[] {
  const ids: string[] = [];
  const use = (id: string | undefined): void => {
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  };
  for (const prod of t.products ?? []) {
    use(prod.displayName);
    for (const major of prod.majorVersions ?? []) {
      use(major.displayName);
      for (const minor of major.minorVersions ?? []) use(minor.displayName);
    }
  }
  for (const d of t.supportedOn ?? []) use(d.displayName);
  for (const c of t.categories ?? []) {
    use(c.displayName);
    use(c.explainText);
  }
  for (const p of t.policies) policyAdmxStrings(p).forEach(use);
  return ids;
}

export function policyAdmxStrings(p: PolicyDefinition): string[] {
  const ids = [p.displayName];
  if (p.explainText !== undefined) ids.push(p.explainText);
  for (const el of p.elements ?? []) if (el.kind === 'enum') ids.push(...el.items.map((i) => i.displayName));
  return ids;
}

/** String ids used by presentations (labels, suggestions): written inline in the ADML. */
export function presentationStringIds(t: PolicyTemplate): string[] {
  return t.policies.flatMap(policyPresentationStrings);
}

function policyPresentationStrings(p: PolicyDefinition): string[] {
  const ids: string[] = [];
  for (const c of p.presentation?.controls ?? []) {
    ids.push(c.label);
    if (c.control === 'comboBox') ids.push(...(c.suggestions ?? []));
  }
  return ids;
}

/** Every string id one policy uses: its ADMX strings, then its presentation's. */
export function policyStringIds(p: PolicyDefinition): string[] {
  return [...policyAdmxStrings(p), ...policyPresentationStrings(p)];
}

/** Every string id a template needs in every locale. */
export function allStringIds(t: PolicyTemplate): Set<string> {
  return new Set([
    t.resources.displayName,
    t.resources.description,
    ...admxStringIds(t),
    ...presentationStringIds(t),
  ]);
}
