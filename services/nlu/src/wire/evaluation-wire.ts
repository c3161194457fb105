/** Evaluate's labelled examples from the wire, and its report back to the wire. */
import type { ModelEvaluation, LabeledExample } from '@parley/nlu';
import type { nluV1 } from '@parley/proto';

export function examplesFromWire(examples: readonly nluV1.LabeledExample__Output[]): LabeledExample[] {
  return examples.map(({ text, intent }) => ({ text, intent }));
}

export function evaluationToWire(evaluation: ModelEvaluation): nluV1.EvaluateResponse {
  return {
    top1Accuracy: evaluation.top1Accuracy,
    inScopeAccuracy: evaluation.inScopeAccuracy,
    ...(evaluation.oosRecall === null ? {} : { oosRecall: evaluation.oosRecall }),
    threshold: evaluation.threshold,
    perIntent: evaluation.perIntent,
    confusions: evaluation.confusions,
    thresholdSweep: evaluation.thresholdSweep.map((point) => ({
      threshold: point.threshold,
      inScopeAccuracy: point.inScopeAccuracy,
      ...(point.oosRecall === null ? {} : { oosRecall: point.oosRecall }),
    })),
    examples: evaluation.examples,
  };
}
