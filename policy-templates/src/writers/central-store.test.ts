import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCentralStore } from './central-store';
import { crossCheck, rendered } from './cross-check';
import { mbamDefinitions } from '../mbam/templates';
import { fabrikamSet } from '../testing/fixture-set';
import { expectGolden, writeAll } from '../testing/golden';
import { xmllintSchema } from '../testing/xmllint';
import type { PolicySet } from '../definitions/vocabulary';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));

for (const [name, set] of [
  ['MBAM', mbamDefinitions],
  ['Fabrikam fixture', fabrikamSet],
] as const satisfies readonly (readonly [string, PolicySet])[]) {
  describe(`Central Store output: ${name}`, () => {
    const files = buildCentralStore(set);
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'pt-store-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('lays out PolicyDefinitions/<File>.admx and <locale>/<File>.adml for every locale', () => {
      const locales = set.locales.map((l) => l.locale);
      for (const t of set.templates) {
        expect(files.map((f) => f.path)).to.include(`PolicyDefinitions/${t.fileName}.admx`);
        for (const l of locales)
          expect(files.map((f) => f.path)).to.include(`PolicyDefinitions/${l}/${t.fileName}.adml`);
      }
    });

    it('validates every ADMX and ADML with xmllint --schema', () => {
      const out = xmllintSchema(
        writeAll(
          dir,
          files.map((f) => ({ path: f.path, bytes: f.content })),
        ),
      );
      expect(out).to.equal('');
    });

    it('passes the cross-checks (references resolve, ids unique, namespaces, prefixes, ADML not pretty-printed)', () => {
      expect(crossCheck(rendered(files))).to.deep.equal([]);
    });

    it('is byte-for-byte deterministic and matches the golden files', () => {
      const again = buildCentralStore(set);
      expect(again).to.deep.equal(files);
      expectGolden(
        join(GOLDEN, name === 'MBAM' ? 'mbam' : 'fabrikam'),
        files.map((f) => ({ path: f.path, bytes: f.content })),
      );
    });

    it('writes UTF-8 with LF line endings and a final newline', () => {
      for (const f of files) {
        expect(f.content.startsWith('<?xml version="1.0" encoding="utf-8"?>'), f.path).to.equal(true);
        expect(f.content).not.to.include('\r');
        expect(f.content.endsWith('\n')).to.equal(true);
      }
    });
  });
}

describe('Central Store locales', () => {
  it('falls back to en-US for strings a locale does not provide', () => {
    const files = buildCentralStore(fabrikamSet);
    const fr = files.find((f) => f.path === 'PolicyDefinitions/fr-FR/Fabrikam.adml')?.content ?? '';
    expect(fr).to.include('<string id="OnOff">Activer</string>');
    expect(fr).to.include('<string id="Level_Low">Low</string>');
  });

  it('writes only the requested locales (en-US always) and rejects a locale without strings', () => {
    const paths = buildCentralStore(mbamDefinitions, { locales: ['en-US'] }).map((f) => f.path);
    expect(paths.some((p) => p.includes('de-DE'))).to.equal(false);
    expect(() => buildCentralStore(mbamDefinitions, { locales: ['xx-XX'] })).to.throw(
      /no strings for locale 'xx-XX'[\s\S]*de-DE/,
    );
  });

  it('escapes markup in strings instead of emitting it', () => {
    const adml =
      buildCentralStore(fabrikamSet).find((f) => f.path === 'PolicyDefinitions/en-US/Fabrikam.adml')
        ?.content ?? '';
    expect(adml).to.include('Line three &amp; &lt;markup&gt; stays text.');
  });
});

describe('cross-checks catch what the schema cannot', () => {
  const files = buildCentralStore(fabrikamSet, { locales: ['en-US'] });
  const [base] = rendered(files);
  if (!base) throw new Error('no template rendered');
  const en = base.adml[0] ?? { path: '', text: '' };

  it('reports a string the ADML lacks', () => {
    const broken = {
      ...base,
      adml: [{ ...en, text: en.text.replace(/<string id="OnOff">[^<]*<\/string>/, '') }],
    };
    expect(crossCheck([broken]).map((p) => p.message)).to.include(
      '$(string.OnOff) is referenced by the ADMX but missing',
    );
  });

  it('reports a pretty-printed ADML', () => {
    const broken = { ...base, adml: [{ ...en, text: en.text.replace('<resources>', '<resources>\n  ') }] };
    expect(crossCheck([broken]).map((p) => p.message)).to.include(
      '<resources> is pretty-printed (whitespace between tags)',
    );
  });

  it('reports an undeclared prefix, a duplicate policy and a Microsoft namespace', () => {
    const admx = base.admx
      .replace('ref="windows:SUPPORTED_Windows_10_0"', 'ref="win:SUPPORTED_Windows_10_0"')
      .replace('name="AllKinds"', 'name="OnOff"')
      .replace('namespace="Fabrikam.Policies.Sample"', 'namespace="Microsoft.Policies.Sample"');
    const messages = crossCheck([{ ...base, admx }]).map((p) => p.message);
    expect(messages).to.include("prefix of 'win:SUPPORTED_Windows_10_0' is not declared by target or using");
    expect(messages).to.include("duplicate policy name 'OnOff'");
    expect(messages).to.include("target namespace 'Microsoft.Policies.Sample' is Microsoft's");
  });

  it('reports a control that does not fit its element and a namespace used twice', () => {
    const adml = en.text
      .replace('<checkBox refId="Flag"', '<decimalTextBox refId="Flag"')
      .replace('Flag</checkBox>', 'Flag</decimalTextBox>');
    const messages = crossCheck([{ ...base, adml: [{ ...en, text: adml }] }, base]).map((p) => p.message);
    expect(messages).to.include('policy AllKinds: control decimalTextBox cannot present a boolean element');
    expect(messages.some((m) => m.includes('is also the target of'))).to.equal(true);
  });
});
