import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importPolicySet, importToSource } from './import';
import { buildCentralStore, type GeneratedFile } from '../writers/central-store';
import { mbamDefinitions } from '../mbam/templates';
import { fabrikamSet } from '../testing/fixture-set';
import { SHARED, xmllintSchema } from '../testing/xmllint';
import { writeAll } from '../testing/golden';
import { DefinitionErrors, ImportError, PolicyUserError } from '../errors';
import type { PolicySet } from '../definitions/vocabulary';

const SAMPLE_ADMX = join(SHARED, 'schemas/admx/samples/Contoso.admx');
const SAMPLE_ADML = join(SHARED, 'schemas/admx/samples/en-US/Contoso.adml');

function inputFrom(files: readonly GeneratedFile[], base: string) {
  const admx = files.find((f) => f.path === `PolicyDefinitions/${base}.admx`);
  if (!admx) throw new Error(`no ${base}.admx`);
  const adml = files
    .filter((f) => f.path.endsWith(`/${base}.adml`))
    .map((f) => ({ path: f.path, text: f.content }));
  return { admxPath: admx.path, admx: admx.content, adml };
}

/** Writes the emitted TypeScript to a folder, imports it and returns its policySet. */
async function loadEmitted(input: Parameters<typeof importToSource>[0], dir: string): Promise<PolicySet> {
  const sources = importToSource(input, 'imported.ts');
  for (const s of sources) writeFileSync(join(dir, s.fileName), s.text);
  const mod = (await import(pathToFileURL(join(dir, 'imported.ts')).href)) as { policySet: PolicySet };
  return mod.policySet;
}

describe('importer', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pt-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const base of ['BitLockerManagement', 'BitLockerUserManagement']) {
    it(`round-trips the generated MBAM ${base} byte for byte (import → TypeScript → generate)`, async () => {
      const original = buildCentralStore(mbamDefinitions).filter(
        (f) => f.path.endsWith(`/${base}.admx`) || f.path.endsWith(`/${base}.adml`),
      );
      const set = await loadEmitted(inputFrom(original, base), dir);
      expect(buildCentralStore(set)).to.deep.equal(original);
    });
  }

  it('round-trips the Fabrikam fixture (every element kind, products, two locales) byte for byte', async () => {
    const original = buildCentralStore(fabrikamSet);
    const set = await loadEmitted(inputFrom(original, 'Fabrikam'), dir);
    expect(buildCentralStore(set)).to.deep.equal(original);
  });

  it('round-trips the schema sample Contoso: same policies, keys, values, elements and strings', async () => {
    const input = {
      admxPath: SAMPLE_ADMX,
      admx: readFileSync(SAMPLE_ADMX, 'utf8'),
      adml: [{ path: SAMPLE_ADML, text: readFileSync(SAMPLE_ADML, 'utf8') }],
    };
    const first = importPolicySet(input);
    const set = await loadEmitted(input, dir);
    const generated = buildCentralStore(set);
    expect(
      xmllintSchema(
        writeAll(
          dir,
          generated.map((f) => ({ path: f.path, bytes: f.content })),
        ),
      ),
    ).to.equal('');
    const again = importPolicySet(inputFrom(generated, 'Contoso'));
    expect(again).to.deep.equal(first);
    const allTypes = first.templates[0]?.policies.find((p) => p.name === 'AllTypes');
    expect(allTypes?.class).to.equal('Both');
    expect(allTypes?.elements?.map((e) => e.kind)).to.deep.equal([
      'boolean',
      'decimal',
      'longDecimal',
      'text',
      'multiText',
      'enum',
      'list',
    ]);
    expect(first.locales[0]?.strings.AllTypes_Help).to.equal(
      'Line one.\n\nLine three (blank line above is kept verbatim).',
    );
    const adml = generated.find((f) => f.path.endsWith('Contoso.adml'))?.content ?? '';
    expect(adml).to.include('<checkBox refId="Flag" defaultChecked="true">Turn the flag on</checkBox>');
    expect(adml).to.include('<text>Free text shown in the dialog.</text>');
  });

  it('rejects an ADMX that is not well-formed, naming the file and position', () => {
    const input = {
      admxPath: 'Bad.admx',
      admx: '<policyDefinitions revision="1.0"><policies></policyDefinitions>',
      adml: [],
    };
    expect(() => importPolicySet(input)).to.throw(
      ImportError,
      /not well-formed XML: 1:\d+: unexpected close tag[\s\S]*file: +Bad\.admx[\s\S]*rule: +well-formed/,
    );
  });

  it('rejects an element we do not support, naming it and its line', () => {
    const admx = readFileSync(SAMPLE_ADMX, 'utf8').replace(
      '<parentCategory ref="Cat_Sample" />',
      '<parentCategory ref="Cat_Sample" /><seeAlso>x</seeAlso>',
    );
    const input = {
      admxPath: SAMPLE_ADMX,
      admx,
      adml: [{ path: SAMPLE_ADML, text: readFileSync(SAMPLE_ADML, 'utf8') }],
    };
    expect(() => importPolicySet(input)).to.throw(
      ImportError,
      /element <seeAlso> inside <policy> is not supported \(<seeAlso> at line 21\)/,
    );
  });

  it("rejects an attribute we do not support (Windows' required on boolean)", () => {
    const admx = readFileSync(SAMPLE_ADMX, 'utf8').replace(
      '<boolean id="Flag" valueName="Flag">',
      '<boolean id="Flag" valueName="Flag" required="true">',
    );
    const input = {
      admxPath: SAMPLE_ADMX,
      admx,
      adml: [{ path: SAMPLE_ADML, text: readFileSync(SAMPLE_ADML, 'utf8') }],
    };
    expect(() => importPolicySet(input)).to.throw(
      ImportError,
      /attribute 'required' on <boolean> is not supported/,
    );
  });

  it('reads xs:boolean 1 and 0 as true and false', () => {
    const sample = readFileSync(SAMPLE_ADML, 'utf8');
    const read = (adml: string) =>
      importPolicySet({
        admxPath: SAMPLE_ADMX,
        admx: readFileSync(SAMPLE_ADMX, 'utf8'),
        adml: [{ path: SAMPLE_ADML, text: adml }],
      });
    expect(read(sample.replace('defaultChecked="true"', 'defaultChecked="1"'))).to.deep.equal(read(sample));
    expect(read(sample.replace('defaultChecked="true"', 'defaultChecked="0"'))).to.deep.equal(
      read(sample.replace('defaultChecked="true"', 'defaultChecked="false"')),
    );
  });

  it('rejects a presentation attribute whose value is not of its type, naming it and its line', () => {
    const adml = readFileSync(SAMPLE_ADML, 'utf8');
    for (const [from, to, message] of [
      [
        'defaultChecked="true"',
        'defaultChecked="yes"',
        /attribute defaultChecked="yes" is not true or false/,
      ],
      ['spinStep="5"', 'spinStep="abc"', /spinStep="abc" is not a 32-bit/],
      ['defaultValue="30"', 'defaultValue="-30"', /defaultValue="-30" is not a 32-bit/],
    ] as const) {
      const changed = adml.replace(from, to);
      expect(changed, `the sample ADML has ${String(from)}`).not.to.equal(adml);
      const input = {
        admxPath: SAMPLE_ADMX,
        admx: readFileSync(SAMPLE_ADMX, 'utf8'),
        adml: [{ path: SAMPLE_ADML, text: changed }],
      };
      expect(() => importPolicySet(input)).to.throw(
        ImportError,
        new RegExp(`${message.source}[\\s\\S]*at line \\d+`),
      );
    }
  });

  it('rejects an ADML that lacks a string the ADMX uses, naming policy and rule', () => {
    const adml = readFileSync(SAMPLE_ADML, 'utf8').replace(/<string id="EnableFeature">[^<]*<\/string>/, '');
    const input = {
      admxPath: SAMPLE_ADMX,
      admx: readFileSync(SAMPLE_ADMX, 'utf8'),
      adml: [{ path: SAMPLE_ADML, text: adml }],
    };
    expect(() => importPolicySet(input)).to.throw(
      DefinitionErrors,
      /string 'EnableFeature' is missing from en-US[\s\S]*policy: +EnableFeature[\s\S]*rule: +missing-string/,
    );
  });

  it('rejects a file that is an ADML where an ADMX is expected', () => {
    const input = { admxPath: 'x.admx', admx: readFileSync(SAMPLE_ADML, 'utf8'), adml: [] };
    expect(() => importPolicySet(input)).to.throw(
      ImportError,
      /root element is <policyDefinitionResources>, not <policyDefinitions>/,
    );
  });

  describe('real Windows templates (shared/fixtures/admx) get a clear error, never a crash or a partial result', () => {
    const expected: Record<string, RegExp> = {
      ActiveXInstallService: /attribute 'required' on <boolean> is not supported \(<boolean> at line \d+\)/,
      CipherSuiteOrder: /target namespace 'Microsoft\.Policies\.CypherStrength' belongs to Microsoft/,
      EventForwarding: /element <supersededAdm> inside <policyDefinitions> is not supported/,
      TPM: /'\$\(string\.OSManagedAuth-TpmAuthFull\)' is not a \$\(string\.Id\) reference/,
      VolumeEncryption: /attribute 'required' on <boolean> is not supported/,
      Windows: /element <supersededAdm> inside <policyDefinitions> is not supported/,
    };
    for (const [name, pattern] of Object.entries(expected))
      it(name, () => {
        const admxPath = join(SHARED, `fixtures/admx/${name}.admx`);
        const admlPath = join(SHARED, `fixtures/admx/en-US/${name}.adml`);
        const input = {
          admxPath,
          admx: readFileSync(admxPath, 'utf8'),
          adml: [{ path: admlPath, text: readFileSync(admlPath, 'utf8') }],
        };
        const err = (() => {
          try {
            importToSource(input, 'x.ts');
          } catch (e) {
            return e;
          }
          return undefined;
        })();
        expect(err).to.be.instanceOf(PolicyUserError).with.property('exitCode', 2);
        expect((err as Error).message)
          .to.match(pattern)
          .and.match(new RegExp(`file: +.*${name}\\.admx`));
      });
  });
});

describe('importer refusals found by the fuzz test (import.fuzz.test.ts)', () => {
  const admx = () => readFileSync(SAMPLE_ADMX, 'utf8');
  const adml = () => readFileSync(SAMPLE_ADML, 'utf8');
  const read = (x: string, l: string) =>
    importPolicySet({ admxPath: SAMPLE_ADMX, admx: x, adml: [{ path: SAMPLE_ADML, text: l }] });
  const changed = (text: string, from: string | RegExp, to: string): string => {
    const out = text.replace(from, to);
    expect(out, `the sample has ${String(from)}`).not.to.equal(text);
    return out;
  };

  it('refuses 100 000 nested elements at once (saxes namespace lookups made them take minutes)', () => {
    const deep = changed(
      adml(),
      '<stringTable>',
      `<stringTable>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`,
    );
    // refused at the 65th level, so the parse never reaches the levels that cost
    expect(() => read(admx(), deep)).to.throw(
      ImportError,
      /\d+:\d+: <x> is nested more than 64 elements deep/,
    );
  });

  it("refuses elements of another namespace, and accepts a file that declares none (as Windows' own EventForwarding.adml)", () => {
    const PD = 'xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"';
    const refusals: Array<[string, string, RegExp]> = [
      [
        changed(admx(), PD, 'xmlns="urn:other"'),
        adml(),
        /<policyDefinitions> is in the namespace "urn:other"[\s\S]*expected: +xmlns="http:\/\/schemas\.microsoft\.com/,
      ],
      [
        changed(admx(), '<categories>', '<categories xmlns="urn:other">'),
        adml(),
        /<categories> inside <policyDefinitions> is in the namespace "urn:other", not its parent's \(<categories> at line 13\)/,
      ],
      [
        changed(admx(), '<categories>', '<categories xmlns="">'),
        adml(),
        /<categories> inside <policyDefinitions> is in no namespace, not its parent's/,
      ],
      [
        admx(),
        changed(adml(), '<resources>', '<x:resources xmlns:x="urn:other">').replace(
          '</resources>',
          '</x:resources>',
        ),
        /<resources> inside <policyDefinitionResources> is in the namespace "urn:other"/,
      ],
    ];
    for (const [x, l, message] of refusals) expect(() => read(x, l)).to.throw(ImportError, message);
    const withoutNamespace = read(changed(admx(), ` ${PD}`, ''), changed(adml(), ` ${PD}`, ''));
    expect(withoutNamespace).to.deep.equal(read(admx(), adml()));
  });

  it('refuses a DOCTYPE (no entity is expanded) with its line and column', () => {
    const dtd = changed(admx(), '?>', '?><!DOCTYPE p [<!ENTITY e "expanded">]>');
    expect(() => read(dtd, adml())).to.throw(ImportError, /\d+:\d+: a DOCTYPE is not allowed/);
  });

  it('refuses a lone surrogate instead of letting it swallow the next character', () => {
    const lone = changed(adml(), '>Contoso<', '>Contoso\uD800<');
    expect(() => read(admx(), lone)).to.throw(ImportError, /\d+:\d+: a lone UTF-16 surrogate \(U\+D800\)/);
  });

  it('refuses a prefixed attribute instead of reading it as the plain one', () => {
    const x = changed(
      admx(),
      'valueName="EnableFeature">',
      'valueName="EnableFeature" xmlns:x="urn:x" x:key="Evil">',
    );
    expect(() => read(x, adml())).to.throw(ImportError, /attribute 'x:key' on <policy> is not supported/);
  });

  it('refuses what it would otherwise drop: a second <policies>, a second <label>, stray text, markup in a label', () => {
    const policies = changed(admx(), '</policies>', '</policies><policies/>');
    expect(() => read(policies, adml())).to.throw(
      ImportError,
      /<policies> occurs twice inside <policyDefinitions> \(<policies> at line \d+\)/,
    );
    const label = changed(
      adml(),
      '<label>Server URL:</label>',
      '<label>Server URL:</label><label>Other</label>',
    );
    expect(() => read(admx(), label)).to.throw(ImportError, /<label> occurs twice inside <textBox>/);
    const stray = changed(admx(), '<elements>', '<elements>stray');
    expect(() => read(stray, adml())).to.throw(
      ImportError,
      /text "stray" inside <elements> is not supported/,
    );
    const markup = changed(adml(), '<label>Server URL:</label>', '<label>Server <b>URL</b>:</label>');
    expect(() => read(admx(), markup)).to.throw(ImportError, /element <b> inside <label> is not supported/);
  });

  it("refuses a textBox default that is not a number for a decimal element ('0x10' used to become 16)", () => {
    const l = changed(
      adml(),
      /<decimalTextBox refId="Timeout"[^<]*<\/decimalTextBox>/,
      '<textBox refId="Timeout"><label>Timeout:</label><defaultValue>0x10</defaultValue></textBox>',
    );
    expect(() => read(admx(), l)).to.throw(
      ImportError,
      /textBox Timeout: default '0x10' for decimal element 'Timeout' is not a 32-bit unsigned number \(line \d+\)/,
    );
  });

  it('refuses a supportedOn condition without members or with a ref that is not a name', () => {
    const base = '<definition name="SUPPORTED_Sample_1_0" displayName="$(string.SUPPORTED_Sample_1_0)"';
    const empty = changed(admx(), `${base} />`, `${base}><or /></definition>`);
    expect(() => read(empty, adml())).to.throw(
      DefinitionErrors,
      /<or> has no members[\s\S]*rule: +supported-on/,
    );
    const bad = changed(admx(), `${base} />`, `${base}><or><range ref="pro ducts:X" /></or></definition>`);
    expect(() => read(bad, adml())).to.throw(
      DefinitionErrors,
      /range ref 'pro ducts:X': 'pro ducts:X' is not a Name or prefix:Name[\s\S]*rule: +supported-on-ref/,
    );
  });

  it('reads a registry value name that looks like $(string.X) as the literal name it is, and builds it', () => {
    const x = changed(admx(), 'valueName="EnableFeature"', 'valueName="$(string.Missing)"');
    expect(() => buildCentralStore(read(x, adml()))).not.to.throw();
  });
});
