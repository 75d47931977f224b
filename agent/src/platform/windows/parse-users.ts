// Interactive logon sessions (from `usersScript`) → `LoggedOnUser`s, one per account.
import { Type } from '@sinclair/typebox';
import type { LoggedOnUser } from '../platform';
import { checkOutput } from './check-output';
import { LogonRecord, OneOrMany } from './wmi-schemas';

/** Win32_LogonSession.LogonType: 2 interactive, 10 remote interactive (RDP), 11 cached interactive. */
const REMOTE_INTERACTIVE = 10;

export function parseUsers(output: unknown): LoggedOnUser[] {
  const r = checkOutput(Type.Union([OneOrMany(LogonRecord), Type.Null()]), output, 'read logged-on users');
  const records = r === null ? [] : [r].flat();
  const byName = new Map<string, LoggedOnUser>();
  for (const rec of records) {
    const name = rec.Domain ? `${rec.Domain.toUpperCase()}\\${rec.Name}` : rec.Name;
    const key = name.toLowerCase();
    const remote = rec.LogonType === REMOTE_INTERACTIVE;
    const exempt = rec.Exempt === 1 || rec.Exempt === '1';
    const prev = byName.get(key);
    byName.set(key, {
      name: prev?.name ?? name,
      session: remote || prev?.session === 'remote' ? 'remote' : 'console',
      exempt: exempt || (prev?.exempt ?? false),
    });
  }
  return [...byName.values()];
}
