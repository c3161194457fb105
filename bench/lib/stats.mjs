// Percentiles and medians for benchmark samples.
export function percentile(samples, p) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const median = (samples) => percentile(samples, 50);

export const round = (value, digits = 3) => Number(value.toFixed(digits));
