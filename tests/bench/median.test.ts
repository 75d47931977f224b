// The benchmarks' median: an even count of rounds must not favour what is measured.
import { expect } from 'chai';
import { median } from '../../scripts/bench/median';

describe('benchmark median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([0.3, 0.1, 0.2])).to.equal(0.2);
    expect(median([5])).to.equal(5);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([1.2, 0.9, 1.0, 1.1])).to.be.closeTo(1.05, 1e-12);
    expect(median([2, 1])).to.equal(1.5);
  });

  it('leaves the values it was given in their order', () => {
    const rounds = [3, 1, 2];
    median(rounds);
    expect(rounds).to.deep.equal([3, 1, 2]);
  });

  it('refuses no values', () => {
    expect(() => median([])).to.throw('the median of no values is undefined');
  });
});
