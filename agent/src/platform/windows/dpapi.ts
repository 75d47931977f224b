// DPAPI through PowerShell: the device key is sealed to the LocalSystem account (CurrentUser scope of the
// service's account), so another account on the machine, or a copy of the disk, cannot use it. The data
// travels on stdin and stdout, never on a command line.
import type { SecretProtector } from '../../service/device-key';
import { PlatformError } from '../../errors';
import { runWindowsPowerShell, type RunPowerShell } from './powershell';

const transform = (method: 'Protect' | 'Unprotect') => `
Add-Type -AssemblyName System.Security
$in = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim())
$out = [System.Security.Cryptography.ProtectedData]::${method}($in, $null, [System.Security.Cryptography.DataProtectionScope]::CurrentUser)
[Convert]::ToBase64String($out)`;

export function dpapiProtector(run: RunPowerShell = runWindowsPowerShell): SecretProtector {
  const call = async (method: 'Protect' | 'Unprotect', data: string): Promise<string> => {
    const r = await run(transform(method), { stdin: data });
    const out = r.stdout.replace(/^\uFEFF/, '').trim();
    if (r.exitCode !== 0 || !/^[A-Za-z0-9+/]+=*$/.test(out))
      throw new PlatformError('platform_command_failed', `DPAPI ${method} failed (exit code ${r.exitCode}).`);
    return out;
  };
  return {
    kind: 'dpapi',
    protect: async (plain) => call('Protect', Buffer.from(plain, 'utf8').toString('base64')),
    unprotect: async (sealed) => Buffer.from(await call('Unprotect', sealed), 'base64').toString('utf8'),
  };
}
