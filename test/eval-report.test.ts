/**
 * The evaluation report in Debian's headless Chromium, opened from its file with the network cut off: `parley eval
 * --train … --test … --html` (a model trained in process) and `parley eval --model … --html` (the Evaluate RPC of a
 * real NLU server). Every number the report shows — summary, per-intent table and chart, confusion heat map and
 * pairs, threshold sweep with its chosen threshold, lint warnings — is checked against the eval JSON result.
 * Screenshots go to test-artifacts/eval-report.png and test-artifacts/eval-report-served.png.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartOption, collectProblems, launchChromium, screenshot, withChromium } from '@parley/testkit/browser/chromium';
import { startNluTestServer, type NluTestServer } from '@parley/testkit/services/nlu-test-server';
import { runParley } from '@parley/testkit/services/run-parley';
import type { CliConfig } from '../services/nlu/src/config';
import type { EvalReport } from '../services/nlu/src/cli/eval-report/eval-report';

const rows = (intent: string, texts: string[]) => texts.map((text) => ({ text, intent }));
const TRAIN = [
  ...rows('greet', ['hello', 'hi there', 'good morning', 'hey', 'hello friend', 'good evening']),
  ...rows('bye', ['bye', 'see you later', 'goodbye', 'good night', 'bye bye', 'good evening']),
  ...rows('weather', ['what is the weather', 'will it rain today', 'is it sunny', 'weather forecast please', 'how hot is it']),
  ...rows('thanks', ['thank you', 'thanks a lot']),
];
const TEST = [
  ...rows('greet', ['hello there', 'hi', 'good morning friend']),
  ...rows('bye', ['goodbye friend', 'see you', 'night night']),
  ...rows('weather', ['will it be sunny', 'rain today?', 'the weather please']),
  ...rows('thanks', ['thanks', 'thank you so much']),
  ...rows('oos', ['what is the capital of peru', 'book a flight to paris', 'play some jazz', 'purple elephants']),
];

withChromium('evaluation report browser test', () => {
  describe('evaluation report in headless Chromium', () => {
    let dir: string;
    let browser: Browser;
    let nlu: NluTestServer;
    let config: CliConfig;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'parley-eval-report-'));
      await writeFile(join(dir, 'train.json'), JSON.stringify(TRAIN));
      await writeFile(join(dir, 'test.json'), JSON.stringify(TEST));
      await writeFile(
        join(dir, 'bot.json'),
        JSON.stringify({
          name: 'report_bot',
          intents: ['greet', 'bye', 'weather', 'thanks'].map((name) => ({
            name,
            trainingSentences: TRAIN.filter((row) => row.intent === name).map((row) => row.text),
          })),
        }),
      );
      nlu = await startNluTestServer();
      config = {
        nluAddress: nlu.address,
        modelStore: { kind: 'directory', dir: join(dir, 'unused') },
        dialogueUrl: 'http://127.0.0.1:1',
      };
      browser = await launchChromium();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await nlu?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('trains, evaluates and writes a report whose every number is the eval result', async () => {
      const html = join(dir, 'report.html');
      const run = await runParley(
        ['eval', '--train', join(dir, 'train.json'), '--test', join(dir, 'test.json'), '--seed', '7', '--html', html],
        config,
      );
      expect(run).toMatchObject({ code: 0, stderr: expect.stringContaining(`report written to ${html}`) });
      const report = await openAndCheck(browser, html, 'eval-report');
      // The report is the eval result: its summary is what --json prints for the same (deterministic) run.
      const json = await runParley(
        ['eval', '--train', join(dir, 'train.json'), '--test', join(dir, 'test.json'), '--seed', '7', '--json'],
        config,
      );
      const printed = JSON.parse(json.stdout) as Record<string, unknown>;
      for (const key of ['top1Accuracy', 'inScopeAccuracy', 'oosRecall', 'threshold', 'testExamples'] as const) {
        expect(report.summary[key], key).toBe(printed[key]);
      }
      expect(report.warnings).toEqual(
        expect.arrayContaining([
          expect.stringContaining('"good evening" is a training sentence of several intents: greet, bye'),
          expect.stringContaining('intent "thanks" has 2 training sentence(s)'),
        ]),
      );
      expect(report.perIntent.map((metrics) => metrics.intent)).toEqual(['bye', 'greet', 'oos', 'thanks', 'weather']);
    }, 120_000);

    it('reports on a served model through the Evaluate RPC (--model)', async () => {
      expect((await runParley(['train', join(dir, 'bot.json')], config)).code).toBe(0);
      const html = join(dir, 'served.html');
      const run = await runParley(['eval', '--model', 'report_bot', '--test', join(dir, 'test.json'), '--html', html], config);
      expect(run.code).toBe(0);
      const printed = JSON.parse(run.stdout) as EvalReport;
      const report = await openAndCheck(browser, html, 'eval-report-served');
      expect(report).toEqual(printed);
      expect(report.warnings).toBeNull();
      expect(report.summary.testExamples).toBe(TEST.length);
    }, 120_000);
  });
});

/**
 * Opens the report offline, checks what it shows against the JSON it embeds (the eval result it was rendered
 * from), saves a screenshot, and returns that JSON.
 */
async function openAndCheck(browser: Browser, file: string, name: string): Promise<EvalReport> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  collectProblems(page, problems);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction("document.body.dataset.drawn === 'true'");
  const fileUrl = pathToFileURL(file).href;
  expect(requests.filter((url) => url !== fileUrl)).toEqual([]);

  const embedded = JSON.parse((await page.locator('#report-data').textContent()) ?? '') as {
    report: EvalReport;
    matrix: { labels: string[]; cells: number[][] };
  };
  const { report } = embedded;
  const figure = (value: number | null): string => (value === null ? '—' : value.toFixed(3));

  // Summary.
  for (const key of ['top1Accuracy', 'inScopeAccuracy', 'oosRecall', 'threshold'] as const) {
    expect(await page.locator(`#summary td[data-metric="${key}"]`).textContent(), key).toBe(figure(report.summary[key]));
  }
  expect(await page.locator('#summary td[data-metric="testExamples"]').textContent()).toBe(String(report.summary.testExamples));

  // Per intent: the table's cells and the chart's bars.
  const table = await page
    .locator('#per-intent tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  expect(table).toEqual(report.perIntent.map((m) => [m.intent, figure(m.precision), figure(m.recall), figure(m.f1), String(m.support)]));
  const perIntent = await chartOption<Option>(page, 'chart-per-intent');
  expect(perIntent.yAxis[0]?.data).toEqual(report.perIntent.map((m) => m.intent));
  expect(perIntent.series.map((series) => series.data)).toEqual([
    report.perIntent.map((m) => m.precision),
    report.perIntent.map((m) => m.recall),
    report.perIntent.map((m) => m.f1),
  ]);

  // The confusion heat map: correct answers on the diagonal, every listed confusion off it; and the pairs table.
  const heat = await chartOption<Option>(page, 'chart-confusion');
  const labels = heat.xAxis[0]?.data ?? [];
  expect(heat.yAxis[0]?.data).toEqual(labels);
  const cells = new Map(
    (heat.series[0]?.data as number[][]).map(([x, y, count]) => [`${labels[x as number]}|${labels[y as number]}`, count]),
  );
  for (const m of report.perIntent) {
    const correct = Math.round(m.recall * m.support);
    expect(cells.get(`${m.intent}|${m.intent}`) ?? 0, m.intent).toBe(correct);
  }
  for (const c of report.confusions) expect(cells.get(`${c.expected}|${c.predicted}`), `${c.expected}→${c.predicted}`).toBe(c.count);
  const pairs = await page
    .locator('#confusions tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  expect(pairs).toEqual(report.confusions.map((c) => [c.expected, c.predicted, String(c.count)]));
  expect(report.confusions.length).toBeGreaterThan(0);

  // The threshold sweep: in-scope accuracy against OOS recall, the chosen threshold marked.
  const sweep = await chartOption<Option>(page, 'chart-sweep');
  expect(sweep.series[0]?.data).toEqual(report.thresholdSweep.map((p) => [p.oosRecall, p.inScopeAccuracy, p.threshold]));
  expect(sweep.series[1]?.data).toEqual([[report.summary.oosRecall, report.summary.inScopeAccuracy, report.summary.threshold]]);
  expect(await page.locator('#chosen-threshold').textContent()).toBe(figure(report.summary.threshold));

  // Lint warnings, as listed.
  if (report.warnings !== null && report.warnings.length > 0) {
    expect(await page.locator('#warnings li').allTextContents()).toEqual(report.warnings);
  }
  await screenshot(page, name);
  await context.close();
  expect(problems).toEqual([]);
  return report;
}

interface Option {
  xAxis: Array<{ data?: string[] }>;
  yAxis: Array<{ data?: string[] }>;
  series: Array<{ data: unknown[] }>;
}
