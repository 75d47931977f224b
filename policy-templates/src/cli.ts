// `openmbam policy …`: thin commander wiring over the command functions in commands/ (which tests call
// directly). User errors carry `exitCode = 2`; the main CLI prints their message and exits with it.
import type { Command } from 'commander';
import { policyBuild } from './commands/build';
import { policyImport } from './commands/import';
import { policyGpo } from './commands/gpo';
import { policyShow, renderShow } from './commands/show';
import { toJson } from './commands/io';

// Empty parts are kept, so `--locale ""` (an unset variable, say) is refused instead of meaning "all".
const collect = (v: string, prev: string[]): string[] => [...prev, ...v.split(',').map((s) => s.trim())];

export function registerPolicyCommands(program: Command): void {
  const policy = program
    .command('policy')
    .description('Group Policy templates: ADMX/ADML for the Central Store, baseline GPOs, imports');

  policy
    .command('build')
    .description(
      'write PolicyDefinitions/*.admx and <locale>/*.adml for the MBAM policy set (or --definitions)',
    )
    .requiredOption('--out <dir>', 'output folder; PolicyDefinitions/ is created inside it')
    .option('--locale <ll-CC>', 'locale to write besides en-US (repeatable or comma-separated)', collect, [])
    .option('--definitions <ts>', 'definitions module exporting policySet (as written by `policy import`)')
    .option('--json', 'print the result as JSON')
    .action(async (o: { out: string; locale: string[]; definitions?: string; json?: boolean }) => {
      const r = await policyBuild({
        cwd: process.cwd(),
        out: o.out,
        locales: o.locale,
        definitions: o.definitions,
      });
      console.log(
        o.json
          ? toJson(r)
          : `Wrote ${r.files.length} files to ${r.out}:\n${r.files.map((f) => `  ${f}`).join('\n')}`,
      );
    });

  policy
    .command('import')
    .description('turn an existing ADMX + ADML pair into TypeScript definitions in our vocabulary')
    .argument('<admx>', 'the .admx file')
    .option(
      '--adml <adml>',
      'the matching .adml (repeatable: one per locale)',
      (v: string, prev: string[]) => [...prev, v],
      [],
    )
    .requiredOption('--out <ts>', 'TypeScript file to write (strings go to <name>-<locale>.ts beside it)')
    .option('--locale <ll-CC>', 'locale of the ADML when its folder does not say')
    .option('--force', 'replace definitions files that exist (they may hold your edits)')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        admx: string,
        o: { adml: string[]; out: string; locale?: string; force?: boolean; json?: boolean },
      ) => {
        const r = await policyImport({
          cwd: process.cwd(),
          admx,
          adml: o.adml,
          out: o.out,
          locale: o.locale,
          force: o.force === true,
        });
        console.log(
          o.json ? toJson(r) : `Imported ${r.policies} policies:\n${r.files.map((f) => `  ${f}`).join('\n')}`,
        );
      },
    );

  policy
    .command('gpo')
    .description(
      'write a baseline GPO backup (Import-GPO / Restore-GPO layout) from a desired-settings JSON file',
    )
    .requiredOption(
      '--settings <file.json>',
      'desired settings: { "policies": { "<Policy>": "enabled" | "disabled" | { state, values } } }',
    )
    .requiredOption('--out <dir>', 'output folder for manifest.xml and the {BackupId} folder')
    .option('--definitions <ts>', 'definitions module exporting policySet (default: MBAM)')
    .option('--json', 'print the result as JSON')
    .action(async (o: { settings: string; out: string; definitions?: string; json?: boolean }) => {
      const r = await policyGpo({
        cwd: process.cwd(),
        settings: o.settings,
        out: o.out,
        definitions: o.definitions,
      });
      console.log(
        o.json
          ? toJson(r)
          : `Wrote GPO backup ${r.backupId} (GPO ${r.gpoGuid}) to ${r.out}: ${r.machineRecords} computer and ${r.userRecords} user registry records.\nImport it with: Import-GPO -BackupId '${r.backupId}' -Path <folder> -TargetName <GPO name> -CreateIfNeeded`,
      );
    });

  policy
    .command('show')
    .description('show one MBAM policy: registry keys and values, types, ranges, defaults (no id: list all)')
    .argument('[id]', 'policy name, e.g. BMSClientConfigureCheckIntervalPolicy')
    .option('--locale <ll-CC>', 'language of the strings shown', 'en-US')
    .option('--json', 'print the result as JSON')
    .action(async (id: string | undefined, o: { locale: string; json?: boolean }) => {
      const r = await policyShow({ cwd: process.cwd(), id, locale: o.locale });
      console.log(o.json ? toJson(r) : renderShow(r));
    });
}
