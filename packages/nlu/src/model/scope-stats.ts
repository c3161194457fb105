/** Per-scope training statistics: intents, examples, and accuracy on those examples with the scope restriction. */
import type { ScopeStats } from '../api';
import type { EncodedText } from '../classifier/feature-vocabulary';
import type { IntentClassifier } from '../classifier/intent-classifier';

export function scopeStats(
  scopes: ReadonlyMap<string, number[]>,
  examples: readonly EncodedText[],
  labels: readonly number[],
  classifier: IntentClassifier,
): ScopeStats[] {
  const predictions = examples.map((text) => classifier.probabilities(text));
  return [...scopes].map(([scope, intents]) => {
    const members = new Set(intents);
    let total = 0;
    let correct = 0;
    labels.forEach((label, i) => {
      if (!members.has(label)) return;
      total++;
      const probabilities = predictions[i] as Float32Array;
      const best = intents.reduce((a, b) => ((probabilities[b] as number) > (probabilities[a] as number) ? b : a));
      if (best === label) correct++;
    });
    return { scope, intents: intents.length, examples: total, trainAccuracy: total === 0 ? 0 : correct / total };
  });
}
