/**
 * The evaluation result a report is drawn from, as plain JSON: what `parley eval` measured, whether it trained a
 * model from a dataset or asked a served one (the Evaluate RPC). Built from either source here, so the renderer
 * depends on this shape only, never on the evaluation's internals.
 */
import { lintDefinition, type Confusion, type DatasetEvaluation, type IntentMetrics, type ThresholdPoint } from '@parley/nlu';
import type { nluV1 } from '@parley/proto';

export interface EvalReport {
  /** What was evaluated on what, e.g. "train.json → test.json" or "model weather_bot (production) on test.json". */
  title: string;
  summary: {
    top1Accuracy: number;
    inScopeAccuracy: number;
    /** null without out-of-scope examples. */
    oosRecall: number | null;
    /** The threshold the figures are at (the one the model answers with). */
    threshold: number;
    testExamples: number;
  };
  perIntent: IntentMetrics[];
  /** The most frequent (expected, predicted) mistakes, most first. */
  confusions: Confusion[];
  thresholdSweep: ThresholdPoint[];
  /** Data-lint warnings of the training data; null when they are not known (a served model). */
  warnings: string[] | null;
}

export function reportOfDataset(evaluation: DatasetEvaluation, title: string): EvalReport {
  const { metrics } = evaluation;
  return {
    title,
    summary: {
      top1Accuracy: metrics.top1Accuracy,
      inScopeAccuracy: metrics.inScopeAccuracy,
      oosRecall: metrics.oosRecall,
      threshold: metrics.threshold,
      testExamples: metrics.testExamples,
    },
    perIntent: evaluation.perIntent,
    confusions: evaluation.confusions,
    thresholdSweep: evaluation.thresholdSweep,
    warnings: lintDefinition(evaluation.model.definition),
  };
}

export function reportOfServedModel(response: nluV1.EvaluateResponse__Output, title: string): EvalReport {
  return {
    title,
    summary: {
      top1Accuracy: response.top1Accuracy,
      inScopeAccuracy: response.inScopeAccuracy,
      oosRecall: response.oosRecall ?? null,
      threshold: response.threshold,
      testExamples: response.examples,
    },
    perIntent: response.perIntent.map(({ intent, precision, recall, f1, support }) => ({ intent, precision, recall, f1, support })),
    confusions: response.confusions.map(({ expected, predicted, count }) => ({ expected, predicted, count })),
    thresholdSweep: response.thresholdSweep.map((point) => ({
      threshold: point.threshold,
      inScopeAccuracy: point.inScopeAccuracy,
      oosRecall: point.oosRecall ?? null,
    })),
    warnings: null,
  };
}

/**
 * The confusion matrix the report draws: rows expected, columns predicted, over every label the result names. The
 * diagonal is each intent's correct answers (recall × support); the rest are the listed confusions.
 */
export function confusionMatrix(report: EvalReport): {
  labels: string[];
  cells: Array<[expected: number, predicted: number, count: number]>;
} {
  const labels = report.perIntent.map((metrics) => metrics.intent);
  for (const { expected, predicted } of report.confusions) {
    for (const label of [expected, predicted]) if (!labels.includes(label)) labels.push(label);
  }
  const cells: Array<[number, number, number]> = [];
  for (const metrics of report.perIntent) {
    const index = labels.indexOf(metrics.intent);
    const correct = Math.round(metrics.recall * metrics.support);
    if (correct > 0) cells.push([index, index, correct]);
  }
  for (const { expected, predicted, count } of report.confusions) cells.push([labels.indexOf(expected), labels.indexOf(predicted), count]);
  return { labels, cells };
}
