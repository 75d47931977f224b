// `openmbam policy gpo --settings <file.json> --out <dir> [--definitions <ts>]`: a baseline GPO backup.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicySet } from '../definitions/vocabulary';
import { LoadedPolicySet } from '../definitions/validate';
import { mbamDefinitions } from '../mbam/templates';
import { type EarlierManifest, writeGpoBackup } from '../gpo/gpo-backup';
import { SettingsError } from '../errors';
import { at, loadDefinitions, readText } from './io';
import { checkPath } from './options';
import { writeAllOrNothing } from './write-files';

export interface GpoOptions {
  readonly cwd: string;
  readonly settings: string;
  readonly out: string;
  readonly definitions?: string;
}

export interface GpoResult {
  readonly out: string;
  readonly backupId: string;
  readonly gpoGuid: string;
  readonly machineRecords: number;
  readonly userRecords: number;
  readonly files: readonly string[];
}

export async function policyGpo(o: GpoOptions): Promise<GpoResult> {
  checkPath(o.settings, '--settings', '--settings ./baseline.json');
  checkPath(o.out, '--out', '--out ./gpo-backup');
  if (o.definitions !== undefined) checkPath(o.definitions, '--definitions', '--definitions ./contoso.ts');
  const defsFile = o.definitions === undefined ? undefined : at(o.cwd, o.definitions);
  const set: PolicySet = defsFile ? await loadDefinitions(defsFile) : mbamDefinitions;
  const loaded = LoadedPolicySet.from(set, { file: defsFile });
  const file = at(o.cwd, o.settings);
  const text = readText(file, 'settings file', 'baseline.json', '--settings');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SettingsError(
      `the settings file is not valid JSON: ${(e as Error).message}`,
      {
        file,
        rule: 'json',
        example: '{ "policies": { "CEIPPolicy": "disabled" } }',
      },
      { cause: e },
    );
  }
  const out = at(o.cwd, o.out);
  const backup = writeGpoBackup(json, loaded, file, earlierManifest(out));
  writeAllOrNothing(out, backup.files, { flag: '--out', example: '--out ./gpo-backup' });
  return {
    out,
    backupId: backup.identity.backupId,
    gpoGuid: backup.identity.gpoGuid,
    machineRecords: backup.machine.length,
    userRecords: backup.user.length,
    files: backup.files.map((f) => f.path),
  };
}

/** The manifest.xml of a folder that already holds backups: they stay listed beside the new one. */
function earlierManifest(out: string): EarlierManifest | undefined {
  const file = join(out, 'manifest.xml');
  try {
    if (!statSync(file).isFile()) return undefined;
  } catch {
    return undefined; // none yet, or an --out that writeAllOrNothing refuses with a clear message
  }
  return { text: readText(file, 'GPO backup manifest', 'manifest.xml', '--out'), file };
}
