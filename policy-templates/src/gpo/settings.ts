// The typed "desired settings" object a baseline GPO is built from, and its validation against the
// definitions: unknown policy, unknown element, wrong type, value out of range and missing required
// values are rejected with the file, the policy and the rule.
import type { PolicyDefinition } from '../definitions/vocabulary';
import type { LoadedPolicySet } from '../definitions/validate';
import { SettingsError } from '../errors';
import { checkValue } from './setting-values';

/** A value for one element: checkbox → boolean, numbers → number (longDecimal also a decimal string),
 * text → string, multiText → string[], enum → item name / caption id / registry value, list → string[]
 * (or a name → value record for `explicitValue` lists). */
export type SettingValue = boolean | number | string | readonly string[] | Readonly<Record<string, string>>;

export type PolicySetting =
  | 'enabled'
  | 'disabled'
  | { readonly state: 'enabled'; readonly values?: Readonly<Record<string, SettingValue>> }
  | { readonly state: 'disabled' };

export interface DesiredSettings {
  readonly gpo?: {
    /** GPO display name (default "OpenMBAM baseline"). */
    readonly displayName?: string;
    /** Domain recorded in the backup (default "example.invalid"); Import-GPO takes any target domain. */
    readonly domain?: string;
    /** Backup time written to bkupInfo.xml, ISO 8601 without zone (default 2000-01-01T00:00:00, for determinism). */
    readonly backupTime?: string;
  };
  /** Policy name → state. Policies not listed stay Not configured. */
  readonly policies: Readonly<Record<string, PolicySetting>>;
}

/** A checked setting: the policy, its state and each element's value (defaults filled in). */
export interface ResolvedSetting {
  readonly policy: PolicyDefinition;
  readonly enabled: boolean;
  readonly values: ReadonlyMap<string, SettingValue>;
}

const EXAMPLE =
  '{ "policies": { "BMSClientConfigureCheckIntervalPolicy": { "state": "enabled", "values": { "ClientWakeupFrequency": 90 } } } }';

export function resolveSettings(input: unknown, set: LoadedPolicySet, file?: string): ResolvedSetting[] {
  const fail = (what: string, rule: string, policy?: string, expected?: string, example?: string): never => {
    throw new SettingsError(what, { file, policy, rule, expected, example });
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    fail(
      'the settings are not a JSON object',
      'settings-shape',
      undefined,
      'an object with "policies"',
      EXAMPLE,
    );
  const obj = input as Record<string, unknown>;
  for (const k of Object.keys(obj))
    if (k !== 'policies' && k !== 'gpo' && k !== '$schema')
      fail(`unknown top-level field '${k}'`, 'settings-shape', undefined, '"gpo" and "policies" only');
  checkGpo(obj.gpo, fail);
  const policies = obj.policies;
  if (typeof policies !== 'object' || policies === null || Array.isArray(policies))
    fail(
      '"policies" is missing or not an object',
      'settings-shape',
      undefined,
      'policy name → "enabled" | "disabled" | { state, values }',
      EXAMPLE,
    );
  const entries = policies as Record<string, unknown>;
  for (const name of Object.keys(entries))
    if (!set.policy(name)) {
      const close = set.policies
        .map((p) => p.name)
        .filter((n) => n.toLowerCase().includes(name.toLowerCase().slice(0, 6)));
      fail(
        `unknown policy '${name}'`,
        'unknown-policy',
        name,
        close.length
          ? `did you mean ${close.slice(0, 3).join(', ')}?`
          : 'a policy name from `openmbam policy show`',
      );
    }
  return set.policies.filter((p) => p.name in entries).map((p) => resolveOne(p, entries[p.name], fail));
}

type Fail = (what: string, rule: string, policy?: string, expected?: string, example?: string) => never;

const GPO_EXAMPLE =
  '"gpo": { "displayName": "MBAM baseline", "domain": "contoso.com", "backupTime": "2024-05-01T08:00:00" }';
const DOMAIN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
// GPT.INI is line-based and the backup XML holds these fields in CDATA: no control characters, no `]]>`.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const PRINTABLE = /^[^\u0000-\u001F\u007F]{1,255}$/;
const FIELDS: Readonly<Record<string, readonly [(v: string) => boolean, string]>> = {
  displayName: [
    (v) => PRINTABLE.test(v) && !v.includes(']]>'),
    '1–255 characters, no control characters or ]]>',
  ],
  domain: [(v) => DOMAIN.test(v), 'a DNS domain name, e.g. contoso.com'],
  backupTime: [
    (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}Z`)),
    'a local time YYYY-MM-DDThh:mm:ss, e.g. 2024-05-01T08:00:00',
  ],
};

/** The optional "gpo" block: each field is written into Backup.xml, bkupInfo.xml and GPT.INI verbatim. */
function checkGpo(gpo: unknown, fail: Fail): void {
  if (gpo === undefined) return;
  if (typeof gpo !== 'object' || gpo === null || Array.isArray(gpo))
    fail(
      '"gpo" is not an object',
      'settings-shape',
      undefined,
      'displayName, domain, backupTime',
      GPO_EXAMPLE,
    );
  for (const [k, v] of Object.entries(gpo as Record<string, unknown>)) {
    const field = Object.hasOwn(FIELDS, k) ? FIELDS[k] : undefined;
    if (!field)
      fail(
        `unknown field "gpo.${k}"`,
        'settings-shape',
        undefined,
        'displayName, domain, backupTime',
        GPO_EXAMPLE,
      );
    const [ok, expected] = field;
    if (typeof v !== 'string' || !ok(v))
      fail(
        `"gpo.${k}" is ${JSON.stringify(v)?.slice(0, 80) ?? String(v)}`,
        'gpo-field',
        undefined,
        expected,
        GPO_EXAMPLE,
      );
  }
}

function resolveOne(p: PolicyDefinition, raw: unknown, fail: Fail): ResolvedSetting {
  const state =
    typeof raw === 'string'
      ? raw
      : typeof raw === 'object' && raw !== null
        ? (raw as Record<string, unknown>).state
        : undefined;
  if (state !== 'enabled' && state !== 'disabled')
    fail(
      state === undefined
        ? `the policy has no "state" (found ${JSON.stringify(raw)?.slice(0, 80)})`
        : `state ${JSON.stringify(state)?.slice(0, 80)} is not "enabled" or "disabled"`,
      'policy-state',
      p.name,
      '"enabled", "disabled" or { "state": "enabled", "values": { … } }',
    );
  const given =
    typeof raw === 'object' && raw !== null ? ((raw as Record<string, unknown>).values ?? {}) : {};
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    return fail('"values" is not an object', 'settings-shape', p.name, 'element id → value');
  const values = new Map<string, SettingValue>();
  for (const id of Object.keys(given))
    if (!p.elements?.some((e) => e.id === id))
      fail(
        `unknown element '${id}'`,
        'unknown-element',
        p.name,
        `one of: ${(p.elements ?? []).map((e) => e.id).join(', ') || '(this policy has no elements)'}`,
      );
  if (state === 'disabled') {
    if (Object.keys(given).length)
      fail('a disabled policy takes no values', 'disabled-values', p.name, '"disabled"');
    return { policy: p, enabled: false, values };
  }
  for (const el of p.elements ?? []) {
    const v = checkValue(el, (given as Record<string, unknown>)[el.id], (what, rule, expected) =>
      fail(`element '${el.id}': ${what}`, rule, p.name, expected),
    );
    if (v !== undefined) values.set(el.id, v);
  }
  return { policy: p, enabled: true, values };
}
