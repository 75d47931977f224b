// Generative ("fuzz") test of the desired-settings reader behind `openmbam policy gpo --settings`: seeded
// mutations of examples/mbam-baseline.json (MBAM definitions) and of a settings object for the Fabrikam
// fixture (every element kind, lists included). Each must give a GPO backup whose every file is sound, or
// a SettingsError naming the file, the rule and what was expected, within 2 s; through the command, a
// refusal leaves no output folder. See testing/fuzz.ts.
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGpoBackup, type GpoBackup } from './gpo-backup';
import { policyGpo } from '../commands/gpo';
import { LoadedPolicySet } from '../definitions/validate';
import { mbamDefinitions } from '../mbam/templates';
import { fabrikamSet } from '../testing/fixture-set';
import { readRegistryPol } from '../registry/registry-pol';
import { parseXml } from '../xml/parse';
import { caseRng, expectUserError, Failures, SCALE, SEED, show, timed, timedAsync } from '../testing/fuzz';
import { mutateValue } from '../testing/value-mutations';

const EXAMPLE = fileURLToPath(new URL('../../examples/mbam-baseline.json', import.meta.url));
const FILE = 'settings.json';

const SEEDS: readonly (readonly [string, LoadedPolicySet, unknown])[] = [
  ['mbam-baseline.json', LoadedPolicySet.from(mbamDefinitions), JSON.parse(readFileSync(EXAMPLE, 'utf8'))],
  [
    'Fabrikam settings',
    LoadedPolicySet.from(fabrikamSet),
    {
      gpo: {
        displayName: 'Fabrikam baseline',
        domain: 'fabrikam.example',
        backupTime: '2024-05-01T08:00:00',
      },
      policies: {
        OnOff: 'enabled',
        AllKinds: {
          state: 'enabled',
          values: {
            Flag: true,
            Timeout: 60,
            Quota: '2048',
            Url: 'https://fabrikam.example/',
            Mode: 'fast',
            Hosts: ['a', 'b'],
            Level: 'Level_High',
            Allow: ['x', 'y'],
            Pairs: { first: '1', second: '2' },
          },
        },
      },
    },
  ],
];

/** JSON values of the wrong type or shape, empty, huge, with control characters, or Registry.pol commands. */
const VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  2 ** 53,
  4294967296,
  '',
  ' ',
  'x',
  'enabled',
  'disabled',
  [],
  {},
  true,
  false,
  [1],
  ['a', ''],
  { a: 1 },
  { a: 'b' },
  'a'.repeat(70_000),
  'nul\u0000inside',
  '\u0001',
  ']]>',
  '\r\nVersion=9',
  '**del.Flag',
  '**delvals.',
  '__proto__',
  'é€𝄞',
  '99999999999999999999999',
  '0x10',
  'Level_Low',
  'TpmPin',
  '2024-13-45T99:99:99',
];
const KEYS = [
  '__proto__',
  'constructor',
  'x',
  '',
  'state',
  'values',
  'gpo',
  '$schema',
  'displayname',
  '**delvals.',
  '**del.x',
  'a'.repeat(300),
  'CEIPPolicy',
  'OnOff',
  'Pairs',
  'Hosts',
];

const json = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/** Every file of a backup is sound: XML parses, Registry.pol reads back its records, GPT.INI has its lines. */
function expectSound(b: GpoBackup, ctx: string): void {
  for (const f of b.files) {
    if (f.path.endsWith('.xml')) {
      const r = timed(() => parseXml(f.bytes.toString('utf8')));
      expect(r.error, `${ctx}: ${f.path} is not well-formed: ${String(r.error)}`).to.equal(undefined);
    }
    if (f.path.endsWith('registry.pol')) {
      const records = f.path.includes('/Machine/') ? b.machine : b.user;
      expect(json(readRegistryPol(f.bytes)), `${ctx}: ${f.path} does not read back`).to.equal(json(records));
    }
    if (f.path.endsWith('GPT.INI')) {
      const lines = f.bytes.toString('utf8').split('\r\n').slice(0, -1);
      expect(lines[0], ctx).to.equal('[General]');
      for (const l of lines.slice(1))
        expect(l, `${ctx}: GPT.INI line`).to.match(
          /^(gPCMachineExtensionNames|Version|gPCUserExtensionNames|displayName)=/,
        );
      expect(
        lines.filter((l) => l.startsWith('Version=')),
        `${ctx}: GPT.INI`,
      ).to.have.length(1);
    }
  }
  for (const r of [...b.machine, ...b.user])
    expect(r.valueName.length, `${ctx}: value name ${show(r.valueName)} under ${r.key}`).to.be.at.most(259);
}

/** `**` records (deletions) come from policy states and definitions, never from the values of a list. */
function starRecords(b: GpoBackup): string {
  return json(
    [...b.machine, ...b.user]
      .filter((r) => r.valueName.startsWith('**'))
      .map((r) => `${r.key}\\${r.valueName}`),
  );
}

function withoutListValues(settings: unknown, set: LoadedPolicySet): unknown {
  const copy = structuredClone(settings) as {
    policies?: Record<string, { values?: Record<string, unknown> }>;
  };
  for (const p of set.policies)
    for (const e of p.elements ?? []) {
      const values = copy.policies?.[p.name]?.values;
      if (e.kind === 'list' && values && typeof values === 'object' && e.id in values)
        values[e.id] = Array.isArray(values[e.id]) ? [] : {};
    }
  return copy;
}

describe('fuzz: the desired-settings reader refuses bad settings with a clear error, never a crash', function () {
  this.timeout(120_000);
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'pt-fuzz-settings-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`writeGpoBackup: ${400 * SCALE} seeded mutations of settings`, () => {
    const failures = new Failures();
    for (let n = 0; n < 400 * SCALE; n++) {
      const rng = caseRng('settings', n);
      const [name, set, seed] = rng.pick(SEEDS);
      const settings = structuredClone(seed);
      const what: string[] = [];
      for (let step = 1 + rng.int(3); step > 0; step--)
        what.push(mutateValue(rng, settings, VALUES, KEYS) ?? '');
      // Through JSON, as the command reads it (undefined dropped, `__proto__` an own key).
      const input = JSON.parse(JSON.stringify(settings)) as unknown;
      const ctx = `OPENMBAM_FUZZ_SEED=${SEED} settings case ${n} (${name}): ${what.join('; ')}`;
      const r = timed(() => writeGpoBackup(input, set, FILE));
      failures.check(ctx, r, () => {
        if (r.error !== undefined) return expectUserError(r.error, ctx, [FILE]);
        const backup = r.value as GpoBackup;
        expectSound(backup, ctx);
        const plain = timed(() => writeGpoBackup(withoutListValues(input, set), set, FILE));
        if (plain.value)
          expect(starRecords(backup), `${ctx}: a list value became a Registry.pol command`).to.equal(
            starRecords(plain.value),
          );
      });
    }
    failures.expectNone('settings mutations');
  });

  it(`policy gpo: ${40 * SCALE} seeded mutations of the settings file write every file or none`, async () => {
    const failures = new Failures();
    const text = readFileSync(EXAMPLE, 'utf8');
    const edits: readonly (readonly [string, (t: string, at: number) => Buffer])[] = [
      ['truncate', (t, at) => Buffer.from(t.slice(0, at))],
      ['insert a quote', (t, at) => Buffer.from(`${t.slice(0, at)}"${t.slice(at)}`)],
      ['insert U+0000', (t, at) => Buffer.from(`${t.slice(0, at)}\u0000${t.slice(at)}`)],
      ['UTF-8 BOM', (t) => Buffer.from(`\uFEFF${t}`)],
      ['UTF-16LE with BOM', (t) => Buffer.from(`\uFEFF${t}`, 'utf16le')],
      ['UTF-16LE without BOM', (t) => Buffer.from(t, 'utf16le')],
      ['Latin-1 é', (t) => Buffer.from(t.replace('MBAM baseline', 'MBAM é'), 'latin1')],
      [
        'invalid UTF-8',
        (t, at) =>
          Buffer.concat([Buffer.from(t.slice(0, at)), Buffer.from([0xc3, 0x28]), Buffer.from(t.slice(at))]),
      ],
      [
        'a duplicate key',
        (t) =>
          Buffer.from(
            t.replace('"CEIPPolicy": "disabled"', '"CEIPPolicy": "disabled", "CEIPPolicy": "enabled"'),
          ),
      ],
      ['an empty file', () => Buffer.alloc(0)],
      ['an array', () => Buffer.from('[]')],
    ];
    for (let n = 0; n < 40 * SCALE; n++) {
      const rng = caseRng('policy-gpo', n);
      const [what, edit] = rng.pick(edits);
      const at = rng.int(text.length);
      const ctx = `OPENMBAM_FUZZ_SEED=${SEED} policy gpo case ${n}: ${what} at ${at}`;
      const file = join(dir, `${n}.json`);
      const out = join(dir, `out-${n}`);
      writeFileSync(file, edit(text, at));
      const r = await timedAsync(() => policyGpo({ cwd: dir, settings: `${n}.json`, out: `out-${n}` }));
      failures.check(ctx, r, () => {
        if (r.error !== undefined) {
          expectUserError(r.error, ctx, [file]);
          expect(existsSync(out), `${ctx}: refused, but wrote ${out}`).to.equal(false);
        } else expect(existsSync(join(out, 'manifest.xml')), ctx).to.equal(true);
      });
    }
    failures.expectNone('policy gpo mutations');
  });
});
