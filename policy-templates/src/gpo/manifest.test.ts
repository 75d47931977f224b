import { expect } from 'chai';
import { writeGpoBackup } from './gpo-backup';
import { mbamPolicySet } from '../index';
import { PolicyUserError } from '../errors';
import { parseXml } from '../xml/parse';

const manifestOf = (backup: ReturnType<typeof writeGpoBackup>): string =>
  backup.files.find((f) => f.path === 'manifest.xml')?.bytes.toString() ?? '';

/** Each listed backup's fields, in order, as name → text. */
const entries = (manifest: string): Array<Record<string, string>> =>
  parseXml(manifest).children.map((inst) => Object.fromEntries(inst.children.map((f) => [f.name, f.text])));

const baseline = {
  gpo: { displayName: 'MBAM baseline', domain: 'contoso.com' },
  policies: { CEIPPolicy: 'disabled', UserExemptionPolicy: 'enabled' },
};
const other = {
  gpo: { displayName: 'BitLocker kiosks', domain: 'contoso.com' },
  policies: { CEIPPolicy: 'enabled' },
};

describe("a GPO backup written into a folder that holds others keeps them in the folder's manifest", () => {
  const first = writeGpoBackup(other, mbamPolicySet, 'kiosks.json');
  const earlier = { text: manifestOf(first), file: 'out/manifest.xml' };

  it('lists the earlier backups first, field for field, then the new one', () => {
    const second = writeGpoBackup(baseline, mbamPolicySet, 'baseline.json', earlier);
    const listed = entries(manifestOf(second));
    expect(listed.map((e) => e.ID)).to.deep.equal([first.identity.backupId, second.identity.backupId]);
    expect(listed[0]).to.deep.equal(entries(earlier.text)[0]);
    expect(listed[1]?.GPODisplayName).to.equal('MBAM baseline');
  });

  it('keeps what others wrote as they wrote it (the namespace on each entry, empty and unknown fields, lower-case IDs)', () => {
    const gpmc = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<Backups xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:mfst="http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest" mfst:version="1.0">
  <BackupInst xmlns="http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest">
    <GPOGuid><![CDATA[{31B2F340-016D-11D2-945F-00C04FB984F9}]]></GPOGuid>
    <GPODomain><![CDATA[contoso.com]]></GPODomain>
    <GPODomainGuid><![CDATA[{9f2b4e3c-5a1d-4c7e-8b6a-0d1e2f3a4b5c}]]></GPODomainGuid>
    <GPODomainController><![CDATA[DC01.contoso.com]]></GPODomainController>
    <BackupTime><![CDATA[2024-03-01T10:11:12]]></BackupTime>
    <ID><![CDATA[{0d6e1f2a-3b4c-5d6e-7f80-91a2b3c4d5e6}]]></ID>
    <Comment><![CDATA[before the MBAM rollout & <after>]]></Comment>
    <GPODisplayName><![CDATA[Default Domain Policy]]></GPODisplayName>
  </BackupInst>
  <BackupInst xmlns="http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest"><GPOGuid><![CDATA[{1041B92A-930A-46F9-8942-CA7AB9080D33}]]></GPOGuid><GPODomain/><ID><![CDATA[{0D6E1F2A-3B4C-5D6E-7F80-91A2B3C4D5E7}]]></ID></BackupInst>
</Backups>`;
    const listed = entries(
      manifestOf(writeGpoBackup(baseline, mbamPolicySet, 'b.json', { text: gpmc, file: 'm' })),
    );
    expect(listed).to.have.length(3);
    expect(listed.slice(0, 2)).to.deep.equal(entries(gpmc.slice(1)));
    expect(listed[0]?.Comment).to.equal('before the MBAM rollout & <after>');
  });

  it('lists a backup written again (same settings, same ID) once', () => {
    const again = writeGpoBackup(other, mbamPolicySet, 'kiosks.json', earlier);
    expect(entries(manifestOf(again)).map((e) => e.ID)).to.deep.equal([first.identity.backupId]);
  });

  it('refuses a manifest.xml that is not a backup manifest, naming the file and what is wrong', () => {
    const cases: Array<[string, RegExp]> = [
      ['not xml <', /not well-formed XML/],
      ['<policyDefinitions/>', /root element is <policyDefinitions>/],
      [earlier.text.replace(/<ID>.*<\/ID>/, ''), /has no <ID>/],
      [
        earlier.text.replace('<Comment>', '<Comment><b>x</b>'),
        /<Comment> at line \d+ is not a field of a backup/,
      ],
      [
        earlier.text.replace('<BackupInst>', '<Other>').replace('</BackupInst>', '</Other>'),
        /<Other> at line \d+ is not a <BackupInst>/,
      ],
    ];
    for (const [text, message] of cases) {
      const write = () =>
        writeGpoBackup(baseline, mbamPolicySet, 'b.json', { text, file: 'out/manifest.xml' });
      expect(write, text).to.throw(PolicyUserError, message).with.property('file', 'out/manifest.xml');
      expect(write, text).to.throw(/rule: +gpo-manifest/);
    }
  });
});
