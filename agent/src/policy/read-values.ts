// Reads the policy values from the registry and checks each against its spec. A value of the wrong type
// or out of range is dropped (so its default applies) and named, with what it held and what was expected,
// in `problems`; the agent logs each problem and goes on.
import type { Platform, RegistryData, RegistryKeyValues } from '../platform/platform';
import { policyKeys, policyValueSpecs, type PolicyValueName, type ValueSpec } from './registry-names';

export type PolicyValues = Partial<Record<PolicyValueName, number | string>>;

export interface ReadPolicyResult {
  values: PolicyValues;
  problems: string[];
}

export async function readPolicyValues(platform: Platform): Promise<ReadPolicyResult> {
  const keys = policyKeys();
  return checkPolicyValues(await platform.readRegistry(keys));
}

export function checkPolicyValues(registry: Record<string, RegistryKeyValues>): ReadPolicyResult {
  const values: PolicyValues = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(policyValueSpecs()) as [PolicyValueName, ValueSpec][]) {
    const keyValues = registry[spec.key];
    // Registry value names are case-insensitive.
    const found = keyValues
      ? Object.entries(keyValues).find(([n]) => n.toLowerCase() === name.toLowerCase())
      : undefined;
    if (!found) continue;
    const problem = checkValue(spec, found[1]);
    if (problem) problems.push(`HKLM\\${spec.key}\\${name} ${problem}; using the default instead`);
    else values[name] = found[1] as number | string;
  }
  return { values, problems };
}

function checkValue(spec: ValueSpec, data: RegistryData): string | undefined {
  if (spec.kind === 'string')
    return typeof data === 'string' ? undefined : `is ${describe(data)}, expected a string (REG_SZ)`;
  if (typeof data !== 'number' || !Number.isInteger(data))
    return `is ${describe(data)}, expected a number (REG_DWORD)`;
  if (spec.allowed && !spec.allowed.includes(data))
    return `is ${data}, expected one of ${spec.allowed.join(', ')}`;
  if ((spec.min !== undefined && data < spec.min) || (spec.max !== undefined && data > spec.max))
    return `is ${data}, expected ${spec.min ?? 0}–${spec.max ?? '…'}`;
  return undefined;
}

const describe = (d: RegistryData): string =>
  typeof d === 'string'
    ? `the text "${d.slice(0, 40)}"`
    : Array.isArray(d)
      ? 'a list of strings (REG_MULTI_SZ)'
      : String(d);
