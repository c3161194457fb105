/**
 * Renders an evaluation report as one self-contained HTML file (a pure function of the EvalReport): the charting
 * library inlined, the data embedded as JSON, no request to anywhere, so it opens offline. It shows the summary,
 * per-intent precision, recall and F1 (chart and table), the confusion matrix as a heat map with the most confused
 * pairs listed, the threshold sweep as in-scope accuracy against out-of-scope recall with the chosen threshold
 * marked, and the data-lint warnings.
 */
import { confusionMatrix, type EvalReport } from './eval-report';
import { REPORT_SCRIPT } from './report-script';

/** How the report writes a figure in [0, 1]; null (no out-of-scope examples) is a dash. */
function formatFigure(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

/** `chartLibrary`: the source of ECharts' browser bundle (echarts/dist/echarts.min.js). */
export function renderEvalReport(report: EvalReport, chartLibrary: string): string {
  const matrix = confusionMatrix(report);
  const { summary } = report;
  const summaryRows: Array<[string, string, string]> = [
    ['top1Accuracy', 'Top-1 accuracy', formatFigure(summary.top1Accuracy)],
    ['inScopeAccuracy', 'In-scope accuracy', formatFigure(summary.inScopeAccuracy)],
    ['oosRecall', 'Out-of-scope recall', formatFigure(summary.oosRecall)],
    ['threshold', 'Threshold', formatFigure(summary.threshold)],
    ['testExamples', 'Test examples', String(summary.testExamples)],
  ];
  const perIntentRows = report.perIntent.map((m) =>
    row([m.intent, formatFigure(m.precision), formatFigure(m.recall), formatFigure(m.f1), String(m.support)], m.intent),
  );
  const confusionRows = report.confusions.map((c) => row([c.expected, c.predicted, String(c.count)]));
  const warnings =
    report.warnings === null
      ? '<p>Not known for a served model: the service keeps no copy of the training data to check.</p>'
      : report.warnings.length === 0
        ? '<p id="no-warnings">None.</p>'
        : `<ul id="warnings">${report.warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`).join('')}</ul>`;
  const matrixSize = Math.max(320, 28 * matrix.labels.length + 180);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley evaluation: ${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Evaluation report</h1><p class="title">${escapeHtml(report.title)}</p></header>
<main>
<section aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2>
<table id="summary"><tbody>${summaryRows.map(([key, label, value]) => `<tr><th scope="row">${label}</th><td data-metric="${key}">${value}</td></tr>`).join('')}</tbody></table>
</section>
<section aria-labelledby="per-intent-title"><h2 id="per-intent-title">Per-intent precision, recall and F1</h2>
<div id="chart-per-intent" class="chart" style="height:${Math.max(240, 26 * report.perIntent.length + 80)}px"></div>
<table id="per-intent"><thead>${row(['Intent', 'Precision', 'Recall', 'F1', 'Support'], undefined, 'th')}</thead><tbody>${perIntentRows.join('')}</tbody></table>
</section>
<section aria-labelledby="confusion-title"><h2 id="confusion-title">Confusion matrix</h2>
<p>Rows: the expected intent; columns: the answer. The diagonal counts correct answers; other cells are the ${report.confusions.length} most frequent confusions.</p>
<div id="chart-confusion" class="chart" style="height:${matrixSize}px"></div>
<h3>Most confused pairs</h3>
<table id="confusions"><thead>${row(['Expected', 'Answered', 'Examples'], undefined, 'th')}</thead><tbody>${confusionRows.join('')}</tbody></table>
</section>
<section aria-labelledby="sweep-title"><h2 id="sweep-title">Threshold sweep</h2>
<p>${summary.oosRecall === null ? 'In-scope accuracy at each threshold (the test set has no out-of-scope examples)' : 'In-scope accuracy against out-of-scope recall, one point per threshold'}; the chosen threshold, <strong id="chosen-threshold">${formatFigure(summary.threshold)}</strong>, is marked.</p>
<div id="chart-sweep" class="chart" style="height:360px"></div>
</section>
<section aria-labelledby="warnings-title"><h2 id="warnings-title">Data-lint warnings</h2>${warnings}</section>
</main>
<script>${chartLibrary}</script>
<script type="application/json" id="report-data">${jsonForScript({ report, matrix })}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function row(cells: readonly string[], intent?: string, tag = 'td'): string {
  const attribute = intent === undefined ? '' : ` data-intent="${escapeHtml(intent)}"`;
  return `<tr${attribute}>${cells.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON that cannot end its <script> element early: every `<` escaped. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const STYLE = `
body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24; background: #f6f7f9; line-height: 1.45; }
header { background: #fff; border-bottom: 1px solid #d4d8de; padding: 0.75rem 1.25rem; }
h1 { font-size: 1.3rem; margin: 0; } .title { margin: 0; color: #5a6270; }
main { padding: 1rem 1.25rem; display: grid; gap: 1rem; max-width: 1200px; }
section { background: #fff; border: 1px solid #d4d8de; border-radius: 8px; padding: 0.75rem 1rem; }
h2 { font-size: 1.05rem; margin: 0 0 0.5rem; } h3 { font-size: 0.95rem; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 0.25rem 0.75rem; border-bottom: 1px solid #e3e6ea; }
td { font-variant-numeric: tabular-nums; }
.chart { width: 100%; }
`;
