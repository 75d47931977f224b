import { expect } from 'chai';
import { Command } from 'commander';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerPolicyCommands } from './cli';
import { policyBuild } from './commands/build';
import { policyImport } from './commands/import';
import { policyGpo } from './commands/gpo';
import { policyShow, type PolicyDetail } from './commands/show';
import { PolicyUserError } from './errors';
import { readRegistryPol } from './registry/registry-pol';
import { SHARED } from './testing/xmllint';
import { snapshotTree, treeChanges } from './testing/tree-snapshot';

const EXAMPLE = fileURLToPath(new URL('../examples/mbam-baseline.json', import.meta.url));
const SAMPLE = join(SHARED, 'schemas/admx/samples');

/** Runs `openmbam policy …` through a real commander program and returns what it printed. */
async function run(...args: string[]): Promise<string> {
  const program = new Command('openmbam').exitOverride();
  registerPolicyCommands(program);
  const lines: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.map(String).join(' '));
  try {
    await program.parseAsync(['node', 'openmbam', ...args]);
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

describe('openmbam policy commands', () => {
  let cwd = '';
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'pt-cli-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('build writes the Central Store folder relative to cwd, with the requested locales', async () => {
    const r = await policyBuild({ cwd, out: 'store', locales: ['de-DE'] });
    expect(r.files).to.include('PolicyDefinitions/de-DE/BitLockerManagement.adml');
    expect(existsSync(join(cwd, 'store/PolicyDefinitions/BitLockerManagement.admx'))).to.equal(true);
  });

  it('build rejects an unknown locale with exit code 2', async () => {
    const err = await policyBuild({ cwd, out: 'store', locales: ['xx-XX'] }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PolicyUserError).with.property('exitCode', 2);
    expect(existsSync(join(cwd, 'store'))).to.equal(false);
  });

  it('import writes definitions that build accepts (--definitions), and gpo uses them', async () => {
    const r = await policyImport({
      cwd,
      admx: join(SAMPLE, 'Contoso.admx'),
      adml: [join(SAMPLE, 'en-US/Contoso.adml')],
      out: 'defs/contoso.ts',
    });
    expect(r.policies).to.equal(2);
    expect(r.files.map((f) => f.replace(cwd, ''))).to.deep.equal([
      '/defs/contoso.ts',
      '/defs/contoso-en-US.ts',
    ]);
    const built = await policyBuild({ cwd, out: 'store', definitions: 'defs/contoso.ts' });
    expect(built.files).to.deep.equal([
      'PolicyDefinitions/Contoso.admx',
      'PolicyDefinitions/en-US/Contoso.adml',
    ]);
    writeFileSync(
      join(cwd, 's.json'),
      JSON.stringify({
        policies: {
          AllTypes: {
            state: 'enabled',
            values: { Timeout: 60, ServerUrl: 'https://x', Mode: 'On', AllowList: ['a', 'b'] },
          },
        },
      }),
    );
    const gpo = await policyGpo({ cwd, settings: 's.json', out: 'gpo', definitions: 'defs/contoso.ts' });
    const pol = readRegistryPol(
      readFileSync(join(cwd, 'gpo', gpo.backupId, 'DomainSysvol/GPO/Machine/registry.pol')),
    );
    expect(pol.map((p) => p.valueName)).to.include.members([
      'Timeout',
      'ServerUrl',
      'Mode',
      '**delvals.',
      '1',
      '2',
    ]);
  });

  it('build rejects a definitions module with a duplicate id, naming the file, the policy and the rule', async () => {
    await policyImport({
      cwd,
      admx: join(SAMPLE, 'Contoso.admx'),
      adml: [join(SAMPLE, 'en-US/Contoso.adml')],
      out: 'defs/contoso.ts',
    });
    const file = join(cwd, 'defs/contoso.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("name: 'AllTypes'", "name: 'EnableFeature'"));
    const err = await policyBuild({ cwd, out: 'store', definitions: 'defs/contoso.ts' }).catch(
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(PolicyUserError).with.property('exitCode', 2);
    expect((err as Error).message).to.match(
      /policy name 'EnableFeature' is defined twice[\s\S]*file: +.*defs\/contoso\.ts[\s\S]*policy: +EnableFeature[\s\S]*rule: +unique-id/,
    );
    expect(existsSync(join(cwd, 'store'))).to.equal(false);
  });

  it('import does not replace definitions written earlier (and maybe edited) unless --force is given', async () => {
    const importInto = (force?: boolean) =>
      policyImport({
        cwd,
        admx: join(SAMPLE, 'Contoso.admx'),
        adml: [join(SAMPLE, 'en-US/Contoso.adml')],
        out: 'defs/contoso.ts',
        force,
      });
    const first = await importInto();
    const file = join(cwd, 'defs/contoso.ts');
    writeFileSync(file, `// our edit\n${readFileSync(file, 'utf8')}`);
    const before = snapshotTree(join(cwd, 'defs'));
    const err = await importInto().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PolicyUserError).with.property('exitCode', 2);
    expect((err as Error).message).to.match(
      /would replace contoso\.ts, contoso-en-US\.ts, written by an earlier import[\s\S]*--force/,
    );
    expect(treeChanges(before, snapshotTree(join(cwd, 'defs')))).to.deep.equal([]);
    expect((await importInto(true)).files).to.deep.equal(first.files);
    expect(readFileSync(file, 'utf8')).not.to.include('// our edit');
  });

  it('import refuses a non-.ts output and a missing ADML', async () => {
    await policyImport({ cwd, admx: 'x.admx', adml: [], out: 'x.js' }).then(
      () => expect.fail('accepted'),
      (e: PolicyUserError) => expect(e.message).to.match(/--out "x\.js" is not a \.ts file/),
    );
    await policyImport({ cwd, admx: 'missing.admx', adml: ['missing.adml'], out: 'x.ts' }).then(
      () => expect.fail('accepted'),
      (e: PolicyUserError) => expect(e.message).to.match(/cannot read the ADMX file .*missing\.admx/),
    );
  });

  // Found by import.fuzz.test.ts: files were read as UTF-8 with every bad byte turned into U+FFFD.
  it('import reads UTF-16 with a BOM, and refuses bytes that are not UTF-8 with their offset and line, writing nothing', async () => {
    mkdirSync(join(cwd, 'en-US'));
    writeFileSync(join(cwd, 'Contoso.admx'), readFileSync(join(SAMPLE, 'Contoso.admx')));
    const adml = readFileSync(join(SAMPLE, 'en-US/Contoso.adml'), 'utf8');
    writeFileSync(join(cwd, 'en-US/Contoso.adml'), Buffer.from(`\uFEFF${adml}`, 'utf16le'));
    const ok = await policyImport({
      cwd,
      admx: 'Contoso.admx',
      adml: ['en-US/Contoso.adml'],
      out: 'a/contoso.ts',
    });
    expect(ok.policies).to.equal(2);
    writeFileSync(
      join(cwd, 'en-US/Contoso.adml'),
      Buffer.from(adml.replace('Contoso sample', 'Contoso é'), 'latin1'),
    );
    const err = await policyImport({
      cwd,
      admx: 'Contoso.admx',
      adml: ['en-US/Contoso.adml'],
      out: 'b/contoso.ts',
    }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PolicyUserError).with.property('rule', 'encoding');
    expect((err as Error).message).to.match(
      /byte \d+ \(line 3\) is 0xE9, which is not valid UTF-8[\s\S]*file: +.*Contoso\.adml/,
    );
    expect(existsSync(join(cwd, 'b'))).to.equal(false);
  });

  it('gpo writes the example baseline and rejects broken JSON with the file named', async () => {
    const r = await policyGpo({ cwd, settings: EXAMPLE, out: 'gpo' });
    expect(r.machineRecords).to.be.greaterThan(20);
    expect(existsSync(join(cwd, 'gpo', r.backupId, 'DomainSysvol/GPO/GPT.INI'))).to.equal(true);
    writeFileSync(join(cwd, 'bad.json'), '{ "policies": ');
    const err = await policyGpo({ cwd, settings: 'bad.json', out: 'gpo2' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PolicyUserError).with.property('exitCode', 2);
    expect((err as Error).message).to.match(/not valid JSON[\s\S]*bad\.json/);
  });

  it('gpo into a folder of earlier backups keeps them listed in manifest.xml; a foreign manifest.xml is refused', async () => {
    const first = await policyGpo({ cwd, settings: EXAMPLE, out: 'gpo' });
    writeFileSync(join(cwd, 'kiosks.json'), JSON.stringify({ gpo: { displayName: 'Kiosks' }, policies: {} }));
    const second = await policyGpo({ cwd, settings: 'kiosks.json', out: 'gpo' });
    const manifest = readFileSync(join(cwd, 'gpo', 'manifest.xml'), 'utf8');
    const ids = [...manifest.matchAll(/<ID><!\[CDATA\[(\{[0-9A-F-]+\})\]\]><\/ID>/g)].map((m) => m[1]);
    expect(ids).to.deep.equal([first.backupId, second.backupId]);
    for (const id of ids) expect(existsSync(join(cwd, 'gpo', id!, 'Backup.xml'))).to.equal(true);

    mkdirSync(join(cwd, 'other'));
    writeFileSync(join(cwd, 'other', 'manifest.xml'), '<Report/>');
    const before = snapshotTree(join(cwd, 'other'));
    const err = await policyGpo({ cwd, settings: EXAMPLE, out: 'other' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PolicyUserError).with.property('exitCode', 2);
    expect((err as Error).message).to.match(
      /manifest\.xml is not a GPO backup manifest[\s\S]*rule: +gpo-manifest/,
    );
    expect(treeChanges(before, snapshotTree(join(cwd, 'other')))).to.deep.equal([]);
  });

  it('show describes a policy with its registry values, and suggests names for an unknown one', async () => {
    const r = (await policyShow({ cwd, id: 'BMSOSDEncryptionPolicy' })) as PolicyDetail;
    expect(r.hive).to.equal('HKLM');
    expect(r.registryValues.map((v) => v.valueName)).to.include.members([
      'ShouldEncryptOSDrive',
      'OSDriveProtector',
      'UseTPMPIN',
      'MinimumPIN',
    ]);
    const err = await policyShow({ cwd, id: 'BMSOSD' }).catch((e: unknown) => e);
    expect((err as Error).message).to.match(/unknown policy "BMSOSD"[\s\S]*BMSOSDEncryptionPolicy/);
  });

  it('runs through a real commander program: show --json, show (list), build, gpo and a user error', async () => {
    const json = JSON.parse(
      await run('policy', 'show', 'BMSClientConfigureCheckIntervalPolicy', '--json'),
    ) as PolicyDetail;
    expect(json.registryValues.find((v) => v.valueName === 'ClientWakeupFrequency')).to.include({
      min: 90,
      max: 10080,
      default: 90,
    });
    const list = await run('policy', 'show');
    expect(list.split('\n')).to.have.length(33);
    const text = await run('policy', 'show', 'UserExemptionPolicy');
    expect(text).to.include(
      'HKCU\\Software\\Policies\\Microsoft\\FVE\\MDOPBitLockerManagement\\UserExemption  REG_DWORD',
    );
    const built = JSON.parse(
      await run('policy', 'build', '--out', join(cwd, 'store'), '--locale', 'de-DE', '--json'),
    ) as { files: string[] };
    expect(built.files).to.have.length(6);
    const gpo = await run('policy', 'gpo', '--settings', EXAMPLE, '--out', join(cwd, 'gpo'));
    expect(gpo).to.match(/Wrote GPO backup \{[0-9A-F-]+\}/);
    const err = await run('policy', 'show', 'Nope').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(PolicyUserError).with.property('exitCode', 2);
  });

  // Found by cli.fuzz.test.ts: a bad command line was a raw ENOTDIR / EISDIR / TypeError (NUL in a path),
  // a build half-written over an existing Central Store, or a value silently ignored.
  describe('command-line mistakes are refused with the flag named, writing nothing', () => {
    const refused = async (argv: string[], pattern: RegExp): Promise<void> => {
      const before = snapshotTree(cwd);
      const home = process.cwd();
      process.chdir(cwd);
      const err = await run(...argv).catch((e: unknown) => e);
      process.chdir(home);
      expect(err, argv.join(' ')).to.be.instanceOf(PolicyUserError).with.property('exitCode', 2);
      expect((err as Error).message).to.match(pattern);
      expect(treeChanges(before, snapshotTree(cwd)), argv.join(' ')).to.deep.equal([]);
    };

    it('build over a store with a folder where a file goes leaves the store as it was', async () => {
      await policyBuild({ cwd, out: 'store', locales: ['de-DE'] });
      writeFileSync(join(cwd, 'store/PolicyDefinitions/BitLockerManagement.admx'), '<old/>');
      rmSync(join(cwd, 'store/PolicyDefinitions/en-US/BitLockerManagement.adml'));
      mkdirSync(join(cwd, 'store/PolicyDefinitions/en-US/BitLockerManagement.adml'));
      await refused(['policy', 'build', '--out', 'store'], /--out: .*BitLockerManagement\.adml is a folder/);
    });

    it('paths: empty, with NUL, a file where a folder goes', async () => {
      writeFileSync(join(cwd, 'afile'), 'x');
      await refused(['policy', 'build', '--out', ''], /--out "" is empty/);
      await refused(
        ['policy', 'build', '--out', 'a\u0000b'],
        /--out "a\\u0000b" holds the control character U\+0000/,
      );
      await refused(['policy', 'build', '--out', 'afile'], /afile is a file, and a folder is needed there/);
      await refused(['policy', 'gpo', '--settings', EXAMPLE, '--out', 'afile/x'], /afile is a file/);
      await refused(['policy', 'gpo', '--settings', ' ', '--out', 'g'], /--settings " " is empty/);
    });

    it('locales: empty, unknown to show, --locale with several ADMLs; import needs a name before .ts', async () => {
      await refused(
        ['policy', 'build', '--out', 'store', '--locale', ''],
        /--locale "" is not a locale name/,
      );
      await refused(
        ['policy', 'show', 'CEIPPolicy', '--locale', 'xx-XX'],
        /--locale "xx-XX" has no strings[\s\S]*one of en-US, de-DE/,
      );
      const adml = join(SAMPLE, 'en-US/Contoso.adml');
      const admx = join(SAMPLE, 'Contoso.admx');
      await refused(
        ['policy', 'import', admx, '--adml', adml, '--adml', adml, '--locale', 'en-US', '--out', 'x.ts'],
        /--locale en-US is given with 2 --adml files/,
      );
      await refused(
        ['policy', 'import', admx, '--adml', adml, '--out', 'defs/.ts'],
        /--out "defs\/\.ts" is not a \.ts file/,
      );
    });
  });
});
