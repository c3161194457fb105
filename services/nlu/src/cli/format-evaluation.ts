/** The readable report of `parley eval`: summary table, per-intent precision/recall/F1, most confused pairs. */
import type { DatasetEvaluation } from '@parley/nlu';

const TOP_CONFUSIONS = 10;

const percent = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`);

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `thresholdSource` says whose threshold it is: given on the command line, picked on val, or the model's own. */
export function formatEvaluation(evaluation: DatasetEvaluation, thresholdSource: string): string {
  const { metrics } = evaluation;
  const summary = table([
    ['top-1 accuracy', percent(metrics.top1Accuracy)],
    ['in-scope accuracy', percent(metrics.inScopeAccuracy)],
    ['OOS recall', percent(metrics.oosRecall)],
    ['threshold', `${metrics.threshold.toFixed(3)} (${thresholdSource})`],
    ['encoder', metrics.encoder],
    ['train time', `${metrics.trainSeconds.toFixed(2)} s`],
    ['predict p50 / p99', `${metrics.predictP50Ms.toFixed(3)} / ${metrics.predictP99Ms.toFixed(3)} ms`],
    ['intents / train / test', `${metrics.intents} / ${metrics.trainExamples} / ${metrics.testExamples}`],
    ['backend', metrics.backend],
  ]);
  const perIntent = table([
    ['intent', 'precision', 'recall', 'f1', 'support'],
    ...[...evaluation.perIntent]
      .sort((a, b) => a.f1 - b.f1 || a.intent.localeCompare(b.intent))
      .map((row) => [row.intent, row.precision.toFixed(3), row.recall.toFixed(3), row.f1.toFixed(3), String(row.support)]),
  ]);
  const confusions = evaluation.confusions.slice(0, TOP_CONFUSIONS);
  const confused =
    confusions.length === 0
      ? 'none'
      : table([['expected', 'predicted', 'count'], ...confusions.map((pair) => [pair.expected, pair.predicted, String(pair.count)])]);
  return `${summary}\n\nper intent (worst F1 first)\n${perIntent}\n\nmost confused pairs\n${confused}\n`;
}
