import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyUserError } from '../errors';
import { snapshotTree, treeChanges } from '../testing/tree-snapshot';
import { writeAllOrNothing } from './write-files';

const target = { flag: '--out', example: '--out ./store' };
const files = [
  { path: 'PolicyDefinitions/A.admx', bytes: 'new A' },
  { path: 'PolicyDefinitions/en-US/A.adml', bytes: 'new A en' },
  { path: 'PolicyDefinitions/de-DE/A.adml', bytes: 'new A de' },
];

describe('writeAllOrNothing', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pt-write-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const refusal = (out: string): PolicyUserError => {
    try {
      writeAllOrNothing(out, files, target);
    } catch (e) {
      expect(e).to.be.instanceOf(PolicyUserError).with.property('rule', 'output');
      return e as PolicyUserError;
    }
    return expect.fail('accepted');
  };

  it('writes every file, replacing older ones and leaving other files alone', () => {
    mkdirSync(join(dir, 'store/PolicyDefinitions'), { recursive: true });
    writeFileSync(join(dir, 'store/PolicyDefinitions/A.admx'), 'old A');
    writeFileSync(join(dir, 'store/PolicyDefinitions/Other.admx'), 'other');
    writeAllOrNothing(join(dir, 'store'), files, target);
    expect(readFileSync(join(dir, 'store/PolicyDefinitions/A.admx'), 'utf8')).to.equal('new A');
    expect(readFileSync(join(dir, 'store/PolicyDefinitions/de-DE/A.adml'), 'utf8')).to.equal('new A de');
    expect([...snapshotTree(dir).keys()].sort()).to.deep.equal(
      [
        'store',
        'store/PolicyDefinitions',
        'store/PolicyDefinitions/A.admx',
        'store/PolicyDefinitions/Other.admx',
        'store/PolicyDefinitions/de-DE',
        'store/PolicyDefinitions/de-DE/A.adml',
        'store/PolicyDefinitions/en-US',
        'store/PolicyDefinitions/en-US/A.adml',
      ].sort(),
    );
  });

  // Found by cli.fuzz.test.ts: files were written one by one, so a failure half-way left a Central Store
  // with new ADMX and old (or no) ADML, and the failure was a raw ENOTDIR/EISDIR/TypeError.
  it('a folder where a later file goes: refused naming it, the existing store unchanged, nothing created', () => {
    mkdirSync(join(dir, 'store/PolicyDefinitions/en-US/A.adml'), { recursive: true });
    writeFileSync(join(dir, 'store/PolicyDefinitions/A.admx'), 'old A');
    const before = snapshotTree(dir);
    expect(refusal(join(dir, 'store')).message).to.match(/--out: .*en-US\/A\.adml is a folder/);
    expect(treeChanges(before, snapshotTree(dir))).to.deep.equal([]);
  });

  it('a file where the output folder (or one of its parents) goes: refused naming it, nothing created', () => {
    writeFileSync(join(dir, 'afile'), 'x');
    const before = snapshotTree(dir);
    expect(refusal(join(dir, 'afile')).message).to.match(/afile is a file, and a folder is needed there/);
    expect(refusal(join(dir, 'afile/deeper')).message).to.match(/afile is a file/);
    expect(treeChanges(before, snapshotTree(dir))).to.deep.equal([]);
  });

  it('a name the file system refuses (too long): refused, and the folders made for it are removed', () => {
    const before = snapshotTree(dir);
    const err = refusal(join(dir, 'new', 'x'.repeat(300)));
    expect(err.message).to.match(/ENAMETOOLONG/);
    expect(treeChanges(before, snapshotTree(dir))).to.deep.equal([]);
  });
});
