/** Writes an evaluation report as a self-contained HTML file, with ECharts (from this package's node_modules) inlined. */
import { readFile, writeFile } from 'node:fs/promises';
import type { CliIo } from '../cli-io';
import type { EvalReport } from './eval-report';
import { renderEvalReport } from './render-eval-report';

export async function writeEvalReport(path: string, report: EvalReport, io: CliIo): Promise<void> {
  const chartLibrary = await readFile(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
  await writeFile(path, renderEvalReport(report, chartLibrary), 'utf8');
  io.stderr.write(`report written to ${path}\n`);
}
