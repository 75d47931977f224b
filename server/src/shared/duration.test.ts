// Command-line durations: the forms people type, and a ceiling so no duration overflows a date.
import { expect } from 'chai';
import { UserError } from '../errors';
import { parseDurationSeconds } from './duration';

describe('parseDurationSeconds', () => {
  it('reads seconds and the s, m, h, d and w units', () => {
    expect(parseDurationSeconds('90', '--x')).to.equal(90);
    expect(parseDurationSeconds('30m', '--x')).to.equal(1800);
    expect(parseDurationSeconds(' 7d ', '--x')).to.equal(7 * 86400);
    expect(parseDurationSeconds('2w', '--x')).to.equal(14 * 86400);
  });

  it('refuses durations too long for a date, naming the flag and the ceiling', () => {
    // 99999999w overflowed Date (RangeError, exit 1); 10000000w made an expiry in year +193680
    for (const bad of ['99999999w', '10000000w', '36501d']) {
      expect(() => parseDurationSeconds(bad, '--since'))
        .to.throw(UserError)
        .with.property('message')
        .that.matches(/^--since must be a positive duration such as .*, at most 36500d \(got/);
    }
    expect(parseDurationSeconds('36500d', '--since')).to.equal(36500 * 86400);
  });

  it('takes a tighter ceiling when the flag has one', () => {
    const max = { seconds: 365 * 86400, text: '365d' };
    expect(parseDurationSeconds('52w', '--expires', max)).to.equal(52 * 7 * 86400);
    expect(() => parseDurationSeconds('53w', '--expires', max)).to.throw(/at most 365d \(got "53w"\)/);
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', '0', '-1d', '7x', '1.5h', '0x10', '1e9', 'd', '7 d']) {
      expect(() => parseDurationSeconds(bad, '--expires'), bad).to.throw(UserError, /--expires/);
    }
  });
});
