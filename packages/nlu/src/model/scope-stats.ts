/** Per-scope training statistics: intents, examples, and accuracy on those examples with the scope restriction. */
import type { ScopeStats } from '../api';

/** `probabilities` holds one row of class probabilities per training example (labels.length × classes). */
export function scopeStats(scopes: ReadonlyMap<string, number[]>, labels: readonly number[], probabilities: Float32Array): ScopeStats[] {
  const classes = labels.length === 0 ? 0 : probabilities.length / labels.length;
  return [...scopes].map(([scope, intents]) => {
    const members = new Set(intents);
    let total = 0;
    let correct = 0;
    labels.forEach((label, i) => {
      if (!members.has(label)) return;
      total++;
      const row = probabilities.subarray(i * classes, (i + 1) * classes);
      const best = intents.reduce((a, b) => ((row[b] as number) > (row[a] as number) ? b : a));
      if (best === label) correct++;
    });
    return { scope, intents: intents.length, examples: total, trainAccuracy: total === 0 ? 0 : correct / total };
  });
}
