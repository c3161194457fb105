/** Evaluates a trained model on labelled examples: the code behind the Evaluate RPC. */
import { ALL_INTENTS_SCOPE } from '@parley/domain';
import type { EvaluateModelOptions, LabeledExample, ModelEvaluation, NluModel } from '../api';
import { collectOutcomes } from './classification-outcome';
import { intentReport } from './intent-report';
import { metricsAt, thresholdSweep, top1Accuracy } from './threshold-metrics';

export async function evaluateModel(
  model: NluModel,
  examples: readonly LabeledExample[],
  options: EvaluateModelOptions = {},
): Promise<ModelEvaluation> {
  const oosLabel = options.oosLabel ?? 'oos';
  const threshold = options.threshold ?? model.calibration.threshold;
  const margin = model.definition.config.ambiguityMargin;
  const { outcomes, latenciesMs } = await collectOutcomes(model, examples, oosLabel, options.scope ?? ALL_INTENTS_SCOPE, options.encoder);
  const point = metricsAt(outcomes, threshold, margin);
  return {
    top1Accuracy: top1Accuracy(outcomes),
    inScopeAccuracy: point.inScopeAccuracy,
    oosRecall: point.oosRecall,
    threshold,
    examples: examples.length,
    predictP50Ms: percentile(latenciesMs, 0.5),
    predictP99Ms: percentile(latenciesMs, 0.99),
    ...intentReport(outcomes, { threshold, ambiguityMargin: margin, oosLabel }),
    thresholdSweep: thresholdSweep(outcomes, margin),
  };
}

export function percentile(values: readonly number[], quantile: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] as number;
}
