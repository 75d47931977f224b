// `openmbam policy show [id] [--json]`: one policy (registry values, elements, strings) or the list.
import { LoadedPolicySet } from '../definitions/validate';
import { registryValues, type RegistryValueInfo } from '../definitions/registry-values';
import { mbamDefinitions } from '../mbam/templates';
import { PolicyUserError } from '../errors';
import { checkLocale, shown } from './options';

export interface ShowOptions {
  readonly cwd: string;
  /** Policy name; omitted → every policy. */
  readonly id?: string;
  readonly locale?: string;
}

export interface PolicySummary {
  readonly name: string;
  readonly template: string;
  readonly class: string;
  readonly category: string;
  readonly displayName: string;
  readonly supportedOn: string;
}

export interface PolicyDetail extends PolicySummary {
  readonly explainText: string;
  readonly hive: 'HKLM' | 'HKCU' | 'HKLM and HKCU';
  readonly registryValues: readonly RegistryValueInfo[];
  readonly ownValueNames: readonly string[];
  readonly counterparts: readonly string[];
}

const set = (): LoadedPolicySet => LoadedPolicySet.from(mbamDefinitions);

export async function policyShow(o: ShowOptions): Promise<PolicyDetail | PolicySummary[]> {
  const s = set();
  if (o.locale !== undefined)
    checkLocale(
      o.locale,
      '--locale',
      s.set.locales.map((l) => l.locale),
    );
  const text = (id: string | undefined): string => (id === undefined ? '' : (s.text(id, o.locale) ?? id));
  const summary = (name: string): PolicySummary => {
    const p = s.policy(name);
    const t = s.templateOf(name);
    if (!p || !t) throw new PolicyUserError(`unknown policy '${name}'`, { rule: 'unknown-policy' });
    const cat = [...(t.categories ?? []), ...s.templates.flatMap((x) => x.categories ?? [])].find(
      (c) => c.name === p.category.split(':').pop(),
    );
    return {
      name: p.name,
      template: t.fileName,
      class: p.class,
      category: text(cat?.displayName ?? p.category),
      displayName: text(p.displayName),
      supportedOn: text(p.supportedOn.split(':').pop()),
    };
  };
  if (o.id === undefined) return s.policies.map((p) => summary(p.name));
  const p = s.policy(o.id) ?? s.policies.find((x) => x.name.toLowerCase() === o.id?.toLowerCase());
  if (!p) {
    const close = s.policies
      .map((x) => x.name)
      .filter((n) => n.toLowerCase().includes((o.id ?? '').toLowerCase().slice(0, 5)));
    throw new PolicyUserError(`unknown policy ${shown(o.id)}`, {
      rule: 'unknown-policy',
      expected: close.length
        ? `one of ${close.join(', ')}`
        : 'a policy name; `openmbam policy show` lists them',
      example: 'openmbam policy show BMSClientConfigureCheckIntervalPolicy',
    });
  }
  return {
    ...summary(p.name),
    explainText: text(p.explainText),
    hive: p.class === 'User' ? 'HKCU' : p.class === 'Machine' ? 'HKLM' : 'HKLM and HKCU',
    registryValues: registryValues(p),
    ownValueNames: p.ownValueNames ?? [],
    counterparts: p.counterparts ?? [],
  };
}

/** Human-readable rendering of `policyShow`'s answer. */
export function renderShow(r: PolicyDetail | PolicySummary[]): string {
  if (Array.isArray(r))
    return r
      .map((p) => `${p.name.padEnd(40)} ${p.class.padEnd(8)} ${p.category} / ${p.displayName}`)
      .join('\n');
  const rows = r.registryValues.map((v) => {
    const range = v.allowed
      ? `values ${v.allowed.join('|')}`
      : v.min !== undefined
        ? `${v.min}–${v.max}`
        : v.max !== undefined
          ? `≤ ${v.max} chars`
          : '';
    const def = v.default === undefined ? '' : ` default ${String(v.default)}`;
    return `  ${r.hive}\\${v.key}\\${v.valueName}  ${v.type}  ${range}${def}${v.own ? '  (our own name)' : ''}`;
  });
  return [
    `${r.name}  (${r.template}.admx, ${r.class})`,
    `  ${r.category} / ${r.displayName}`,
    `  Supported on: ${r.supportedOn}`,
    r.counterparts.length ? `  Windows counterpart: ${r.counterparts.join(', ')}` : '',
    'Registry values:',
    ...rows,
    '',
    r.explainText,
  ]
    .filter((l, i) => l !== '' || i > 4)
    .join('\n');
}
