// Registry values (from `registryScript`) → data by key and value name. .NET's RegistryKey.GetValue gives
// REG_DWORD as a signed Int32, so 0x80000000 and above arrive negative: they are turned back into DWORDs.
import type { RegistryData, RegistryKeyValues } from '../platform';
import { truncateForMessage } from '../../errors';
import { checkOutput } from './check-output';
import { RegistryRecord } from './wmi-schemas';

export interface ParsedRegistry {
  keys: Record<string, RegistryKeyValues>;
  problems: string[];
}

export function parseRegistry(output: unknown, keys: readonly string[]): ParsedRegistry {
  const r = checkOutput(RegistryRecord, output ?? {}, 'read policy registry values');
  const problems: string[] = [];
  const result: Record<string, RegistryKeyValues> = {};
  for (const key of keys) {
    // registry key names are case-insensitive
    const values = r[key] ?? Object.entries(r).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
    if (values === undefined || values === null) {
      result[key] = null;
      continue;
    }
    // entries, not assignments: a value named __proto__ must stay a value, not become the prototype
    const out: [string, RegistryData][] = [];
    for (const [name, data] of Object.entries(values)) {
      if (name === '' || data === null) continue;
      if (typeof data === 'number')
        out.push([name, Number.isInteger(data) && data < 0 && data >= -0x80000000 ? data >>> 0 : data]);
      else if (typeof data === 'string') out.push([name, data]);
      else if (data.every((d): d is string => typeof d === 'string')) out.push([name, data]);
      else
        problems.push(
          `${key}\\${truncateForMessage(name, 100)} is binary data (REG_BINARY); no policy value the agent reads has that type`,
        );
    }
    result[key] = Object.fromEntries(out);
  }
  return { keys: result, problems };
}
