// Generates the README's MBAM policy table from the definitions (a test keeps the README in sync:
// run `npx tsx policy-templates/src/docs/readme-table.ts` and paste between the markers).
import { mbamPolicySet } from '../index';
import { registryValues, type RegistryValueInfo } from '../definitions/registry-values';
import { MDOP_KEY } from '../mbam/helpers';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');

/** The 24 PCR checkboxes become one line: `0`…`23` and the PCRs on by default. */
function collapsePcrs(values: RegistryValueInfo[]): (RegistryValueInfo | string)[] {
  const pcrs = values.filter((v) => /^[0-9]+$/.test(v.valueName));
  if (pcrs.length < 2) return values;
  const first = pcrs[0] as RegistryValueInfo;
  const on = pcrs.filter((v) => v.default === true).map((v) => v.valueName);
  const line = `${location(first)}\`0\`…\`${pcrs.length - 1}\` DWORD 1/0 (one per PCR; default on: ${on.join(', ')})`;
  return [...values.filter((v) => !pcrs.includes(v)), line];
}

function describe(v: RegistryValueInfo): string {
  const type = v.type.replace('REG_', '');
  const range = v.allowed ? ` ${v.allowed.join('/')}` : v.min !== undefined ? ` ${v.min}–${v.max}` : '';
  const def = v.default === undefined ? '' : `, default ${String(v.default)}`;
  return `\`${v.valueName}\`${v.own ? ' †' : ''} ${type}${range}${def}`;
}

function location(v: RegistryValueInfo): string {
  const key = v.key
    .replace(/^Software\\Policies\\Microsoft\\FVE/i, 'FVE')
    .replace(/^System\\CurrentControlSet\\Policies\\Microsoft\\FVE/i, 'System…\\FVE');
  return key === 'FVE' ? '' : `${key}\\`;
}

export function mbamTable(): string {
  const rows = [
    '| Category | Policy (ADMX name) | Display name (en-US) | MBAM values (`…\\FVE\\MDOPBitLockerManagement`) | Windows FVE values written | Windows counterpart |',
    '|---|---|---|---|---|---|',
  ];
  for (const t of mbamPolicySet.templates)
    for (const p of t.policies) {
      const values = registryValues(p);
      const mdop = values.filter((v) => v.key.toLowerCase() === MDOP_KEY.toLowerCase());
      const fve = collapsePcrs(values.filter((v) => v.key.toLowerCase() !== MDOP_KEY.toLowerCase()));
      const category =
        mbamPolicySet.text(t.categories?.find((c) => c.name === p.category)?.displayName ?? '') ??
        'MDOP MBAM (BitLocker Management)';
      const hive = p.class === 'User' ? 'HKCU ' : '';
      rows.push(
        `| ${cell(p.class === 'User' ? `User: ${category}` : category)} | \`${p.name}\` | ${cell(mbamPolicySet.text(p.displayName) ?? '')} | ${
          mdop.map((v) => hive + describe(v)).join('<br>') || '—'
        } | ${fve.map((v) => cell(typeof v === 'string' ? v : location(v) + describe(v))).join('<br>') || '—'} | ${(p.counterparts ?? []).map((c) => `\`${c}\``).join(', ') || '— (MBAM only)'} |`,
      );
    }
  return rows.join('\n');
}

export function ownValueNames(): string {
  return mbamPolicySet.policies
    .filter((p) => p.ownValueNames?.length)
    .map((p) => `| \`${p.name}\` | ${p.ownValueNames?.map((v) => `\`${v}\``).join(', ')} |`)
    .join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`${mbamTable()}\n\n${ownValueNames()}`);
