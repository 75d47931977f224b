// A baseline GPO backup folder that GPMC "Import Settings" / Import-GPO / Restore-GPO accept:
//   manifest.xml
//   {BackupId}/Backup.xml, bkupInfo.xml
//   {BackupId}/DomainSysvol/GPO/GPT.INI, Machine/registry.pol, User/registry.pol
// plus LGPO.exe text copies of each Registry.pol for reviewers. Everything is derived from the settings,
// so the same settings give the same bytes.
import type { LoadedPolicySet } from '../definitions/validate';
import type { PolRecord } from '../registry/types';
import { writeRegistryPol } from '../registry/registry-pol';
import { toLgpoText } from '../registry/lgpo-text';
import { resolveSettings, type DesiredSettings } from './settings';
import { settingRecords } from './records';
import { MACHINE_EXTENSIONS, USER_EXTENSIONS, nameGuid } from './ids';
import { backupXml, bkupInfoXml, manifestXml, type GpoIdentity } from './backup-xml';
import { readManifestEntries } from './manifest';

export interface OutputFile {
  readonly path: string;
  readonly bytes: Buffer;
}

export interface GpoBackup {
  readonly identity: GpoIdentity;
  readonly machine: readonly PolRecord[];
  readonly user: readonly PolRecord[];
  readonly files: readonly OutputFile[];
}

/** The manifest.xml already in the folder the backup goes to, if any (its backups stay listed). */
export interface EarlierManifest {
  readonly text: string;
  readonly file: string;
}

export function writeGpoBackup(
  input: unknown,
  set: LoadedPolicySet,
  file?: string,
  earlier?: EarlierManifest,
): GpoBackup {
  const resolved = resolveSettings(input, set, file);
  const settings = input as DesiredSettings;
  const machine = resolved.filter((s) => s.policy.class !== 'User').flatMap(settingRecords);
  const user = resolved.filter((s) => s.policy.class === 'User').flatMap(settingRecords);
  const displayName = settings.gpo?.displayName ?? 'OpenMBAM baseline';
  const domain = settings.gpo?.domain ?? 'example.invalid';
  const identity: GpoIdentity = {
    gpoGuid: nameGuid('gpo', displayName, domain),
    backupId: nameGuid('backup', displayName, domain, JSON.stringify(settings.policies)),
    domain,
    displayName,
    backupTime: settings.gpo?.backupTime ?? '2000-01-01T00:00:00',
    machineVersion: machine.length ? 1 : 0,
    userVersion: user.length ? 1 : 0,
    machineExtensions: machine.length ? MACHINE_EXTENSIONS : '',
    userExtensions: user.length ? USER_EXTENSIONS : '',
  };
  const dir = identity.backupId;
  const text = (s: string): Buffer => Buffer.from(s.replace(/\r?\n/g, '\n'), 'utf8');
  const files: OutputFile[] = [
    {
      path: 'manifest.xml',
      bytes: text(manifestXml(identity, earlier ? readManifestEntries(earlier.text, earlier.file) : [])),
    },
    { path: `${dir}/Backup.xml`, bytes: text(backupXml(identity)) },
    { path: `${dir}/bkupInfo.xml`, bytes: text(bkupInfoXml(identity)) },
    { path: `${dir}/DomainSysvol/GPO/GPT.INI`, bytes: gptIni(identity) },
  ];
  if (machine.length) {
    files.push({ path: `${dir}/DomainSysvol/GPO/Machine/registry.pol`, bytes: writeRegistryPol(machine) });
    files.push({ path: 'registry-machine.lgpo.txt', bytes: text(toLgpoText(machine, 'Computer')) });
  }
  if (user.length) {
    files.push({ path: `${dir}/DomainSysvol/GPO/User/registry.pol`, bytes: writeRegistryPol(user) });
    files.push({ path: 'registry-user.lgpo.txt', bytes: text(toLgpoText(user, 'User')) });
  }
  return { identity, machine, user, files };
}

/** GPT.INI: Version = user changes in the upper 16 bits, computer changes in the lower 16 (MS-GPOL §3.3.5.4). */
function gptIni(id: GpoIdentity): Buffer {
  const lines = ['[General]'];
  if (id.machineExtensions) lines.push(`gPCMachineExtensionNames=${id.machineExtensions}`);
  lines.push(`Version=${(id.userVersion << 16) | id.machineVersion}`);
  if (id.userExtensions) lines.push(`gPCUserExtensionNames=${id.userExtensions}`);
  lines.push(`displayName=${id.displayName}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}
