// The typed "desired settings" object a baseline GPO is built from, and its validation against the
// definitions: unknown policy, unknown element, wrong type, value out of range and missing required
// values are rejected with the file, the policy and the rule.
import type { EnumElement, PolicyDefinition, PolicyElement } from '../definitions/vocabulary';
import type { LoadedPolicySet } from '../definitions/validate';
import { SettingsError } from '../errors';
import { DEFAULT_TEXT_MAX, MAX_U64 } from '../definitions/limits';

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

function resolveOne(p: PolicyDefinition, raw: unknown, fail: Fail): ResolvedSetting {
  const state =
    typeof raw === 'string'
      ? raw
      : typeof raw === 'object' && raw !== null
        ? (raw as Record<string, unknown>).state
        : undefined;
  if (state !== 'enabled' && state !== 'disabled')
    fail(
      `state ${JSON.stringify(state)} is not "enabled" or "disabled"`,
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

type ElFail = (what: string, rule: string, expected?: string) => never;

function checkValue(el: PolicyElement, v: unknown, fail: ElFail): SettingValue | undefined {
  const required = 'required' in el && el.required === true;
  if (v === undefined) {
    const def = 'default' in el ? el.default : undefined;
    if (def !== undefined) return typeof def === 'bigint' ? def.toString() : def;
    if (required) fail('a value is required', 'required-value', `a ${el.kind} value`);
    return el.kind === 'boolean' ? false : undefined;
  }
  switch (el.kind) {
    case 'boolean':
      if (typeof v !== 'boolean')
        fail(`${JSON.stringify(v)} is not true or false`, 'value-type', 'true or false');
      return v as boolean;
    case 'decimal': {
      if (typeof v !== 'number' || !Number.isInteger(v))
        fail(`${JSON.stringify(v)} is not a whole number`, 'value-type', 'a number, e.g. 90');
      const n = v as number;
      const [min, max] = [el.minValue ?? 0, el.maxValue ?? 9999];
      if (n < min || n > max) fail(`${n} is outside ${min}–${max}`, 'value-range', `${min}–${max}`);
      return n;
    }
    case 'longDecimal': {
      const ok =
        (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^[0-9]+$/.test(v));
      if (!ok)
        fail(
          `${JSON.stringify(v)} is not a whole number`,
          'value-type',
          'a number or a decimal string, e.g. "1099511627776"',
        );
      const n = BigInt(v as number | string);
      const [min, max] = [el.minValue ?? 0n, el.maxValue ?? 9999n];
      if (n < min || n > max || n > MAX_U64)
        fail(`${n} is outside ${min}–${max}`, 'value-range', `${min}–${max}`);
      return n.toString();
    }
    case 'text': {
      if (typeof v !== 'string') fail(`${JSON.stringify(v)} is not a string`, 'value-type', 'a string');
      const max = el.maxLength ?? DEFAULT_TEXT_MAX;
      if ((v as string).length > max)
        fail(
          `the text is ${(v as string).length} characters long`,
          'value-range',
          `at most ${max} characters`,
        );
      if (required && v === '') fail('the text is empty', 'required-value', 'a non-empty string');
      return v as string;
    }
    case 'multiText':
    case 'list': {
      const isRecord =
        el.kind === 'list' &&
        el.explicitValue &&
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        Object.values(v).every((x) => typeof x === 'string');
      if (isRecord) return v as Record<string, string>;
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
        fail(
          `${JSON.stringify(v)} is not a list of strings`,
          'value-type',
          el.kind === 'list' && el.explicitValue ? 'an object of name → value strings' : '["a", "b"]',
        );
      const max = el.kind === 'multiText' ? (el.maxLength ?? DEFAULT_TEXT_MAX) : DEFAULT_TEXT_MAX;
      for (const s of v as string[])
        if (s.length > max)
          fail(
            `an entry is ${s.length} characters long`,
            'value-range',
            `at most ${max} characters per entry`,
          );
      if (el.kind === 'multiText' && el.maxStrings && (v as string[]).length > el.maxStrings)
        fail(`${(v as string[]).length} entries`, 'value-range', `at most ${el.maxStrings} entries`);
      return v as string[];
    }
    case 'enum':
      return enumChoice(el, v, fail);
  }
}

/** An enum choice by item suffix (`PasswordOnly`), caption id, or registry value (`0`). Returns the caption id. */
function enumChoice(el: EnumElement, v: unknown, fail: ElFail): string {
  const item = el.items.find(
    (i) =>
      i.displayName === v ||
      (typeof v === 'string' && i.displayName.endsWith(`_${v}`)) ||
      (i.value.type !== 'delete' &&
        (i.value.value === v ||
          (typeof v === 'number' && Number.isInteger(v) && i.value.value === BigInt(v)))),
  );
  if (!item)
    fail(
      `${JSON.stringify(v)} is not one of its choices`,
      'enum-value',
      el.items
        .map(
          (i) =>
            `${i.displayName.split('_').pop()} (${i.value.type === 'delete' ? 'delete' : String(i.value.value)})`,
        )
        .join(', '),
    );
  return (item as { displayName: string }).displayName;
}
