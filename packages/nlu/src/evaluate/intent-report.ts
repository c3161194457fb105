/** Per-intent precision, recall and F1, and the most frequent confusions, at one threshold. */
import { FALLBACK_INTENT } from '@parley/domain';
import type { Confusion, IntentMetrics } from '../api';
import type { ClassificationOutcome } from './classification-outcome';
import { answerAt } from './threshold-metrics';

export interface IntentReport {
  perIntent: IntentMetrics[];
  confusions: Confusion[];
}

export function intentReport(
  outcomes: readonly ClassificationOutcome[],
  options: { threshold: number; ambiguityMargin: number; oosLabel: string; maxConfusions?: number },
): IntentReport {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const pairs = new Map<string, Confusion>();
  const countOf = (intent: string) => counts.get(intent) ?? counts.set(intent, { tp: 0, fp: 0, fn: 0 }).get(intent)!;
  for (const outcome of outcomes) {
    const expected = outcome.expected ?? options.oosLabel;
    const predicted =
      answerAt(outcome, options.threshold, options.ambiguityMargin) ?? (outcome.expected === null ? options.oosLabel : FALLBACK_INTENT);
    if (predicted === expected) {
      countOf(expected).tp++;
      continue;
    }
    countOf(expected).fn++;
    countOf(predicted).fp++;
    const key = `${expected}\u0000${predicted}`;
    const pair = pairs.get(key) ?? { expected, predicted, count: 0 };
    pair.count++;
    pairs.set(key, pair);
  }
  const perIntent = [...counts]
    .filter(([intent]) => intent !== FALLBACK_INTENT)
    .map(([intent, c]) => metricsOf(intent, c))
    .sort((a, b) => a.intent.localeCompare(b.intent));
  const confusions = [...pairs.values()]
    .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.predicted.localeCompare(b.predicted))
    .slice(0, options.maxConfusions ?? 20);
  return { perIntent, confusions };
}

function metricsOf(intent: string, c: { tp: number; fp: number; fn: number }): IntentMetrics {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { intent, precision, recall, f1, support: c.tp + c.fn };
}
