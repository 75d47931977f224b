// Win32_ComputerSystem + Win32_OperatingSystem (from `machineScript`) → `MachineIdentity`.
import type { MachineIdentity } from '../platform';
import { checkOutput } from './check-output';
import { MachineRecord } from './wmi-schemas';

export function parseMachine(output: unknown): MachineIdentity {
  const r = checkOutput(MachineRecord, output, 'read the machine identity (Win32_ComputerSystem)');
  // A workgroup machine reports its workgroup in Domain; it has no domain.
  const domain = r.PartOfDomain ? (r.Domain ?? '').toLowerCase() : '';
  const host = (r.DNSHostName || r.Name).toLowerCase();
  return {
    computerName: r.Name.toUpperCase(),
    domain,
    fqdn: domain ? `${host}.${domain}` : host,
    osVersion: r.Version,
    manufacturer: (r.Manufacturer ?? '').trim(),
    model: (r.Model ?? '').trim(),
  };
}
