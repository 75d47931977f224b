import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { mbamTable, ownValueNames } from './readme-table';
import { mbamPolicySet } from '../index';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const between = (start: string, end: string): string =>
  README.slice(README.indexOf(start) + start.length, README.indexOf(end)).trim();

describe('README', () => {
  it('holds the current MBAM policy table (regenerate with npx tsx policy-templates/src/docs/readme-table.ts)', () => {
    expect(between('<!-- mbam-table:start -->', '<!-- mbam-table:end -->')).to.equal(mbamTable());
  });

  it('lists every value name we chose ourselves', () => {
    expect(between('<!-- own-values:start -->', '<!-- own-values:end -->')).to.equal(ownValueNames());
    const own = mbamPolicySet.policies.flatMap((p) => p.ownValueNames ?? []);
    for (const v of own) expect(README).to.include(`\`${v}\``);
  });

  it('has one table row per MBAM policy', () => {
    for (const p of mbamPolicySet.policies) expect(mbamTable()).to.include(`| \`${p.name}\` |`);
  });
});
