// The benchmarks' one statistic. Of an even count it is the mean of the two middle values: taking the
// upper one alone (as it once did) favoured whatever was measured, by half the gap between them.
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('the median of no values is undefined');
  const sorted = [...values].sort((x, y) => x - y);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}
