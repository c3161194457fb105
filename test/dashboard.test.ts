/**
 * The dashboard in Debian's headless Chromium, on the built services (NLU and dialogue processes, SQLite store, an
 * API key) after real traffic through the REST API: the page asks for the key and sends it as a header (never in a
 * URL), and every chart's numbers — those ECharts was given to draw — equal what an independent reading of
 * GET /v1/audit over the same window gives. Then a fallback message is labelled on the page: it lands in the bot's
 * definition file, and after the service retrains (a restart) the bot answers it. Screenshots go to
 * test-artifacts/dashboard.png and test-artifacts/dashboard-labelled.png.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartOption, collectProblems, launchChromium, screenshot, withChromium } from '@parley/testkit/browser/chromium';
import { RestClient } from '@parley/testkit/services/rest-client';
import { killAllServices, missingBuild, startDialogueProcess, startNluProcess } from '@parley/testkit/services/service-process';

const API_KEY = 'dashboard-test-key-0123456789';
/** Said in the initial state, where the greetings bot knows only hello: a fallback until it is labelled. */
const UNKNOWN_GREETING = 'howdy partner';
const CONVERSATIONS: string[][] = [
  ['hello', 'good'],
  ['hi', 'bad'],
  ['hello', 'fine'],
  [UNKNOWN_GREETING, 'hello', 'awful'],
  ['what is the capital of peru', 'hi', 'purple elephants dancing'],
  ['hello', 'good'],
  [UNKNOWN_GREETING, 'xyzzy'],
];

interface AuditRow {
  id: number;
  at: string;
  sessionId: string;
  kind: string;
  state?: string;
  intent?: string;
  score?: number;
  fallbackReason?: string;
  data: Record<string, unknown>;
}

interface ChartSeries {
  data: unknown[];
}
interface ChartOption {
  xAxis?: Array<{ data?: string[] }>;
  yAxis?: Array<{ data?: string[] }>;
  series: ChartSeries[];
}

afterAll(killAllServices);

const built = missingBuild();
if (built) {
  it.skip(`dashboard browser test skipped: ${built}`, () => {});
} else {
  withChromium('dashboard browser test', () => {
    describe('dashboard in headless Chromium', () => {
      let directory: string;
      let definitionPath: string;
      let env: Record<string, string>;
      let url: string;
      let stopDialogue: () => Promise<unknown>;
      let browser: Browser;

      beforeAll(async () => {
        directory = await mkdtemp(join(tmpdir(), 'parley-dashboard-'));
        definitionPath = join(directory, 'greetings.yaml');
        await writeFile(
          definitionPath,
          '# Phrases the dashboard labels, added to the greetings bot\nintents:\n  - name: hello_intent\n    trainingSentences:\n      - hey\n',
        );
        const nlu = await startNluProcess(join(directory, 'models'));
        env = {
          PARLEY_NLU_ADDRESS: nlu.address,
          PARLEY_BOT: 'greetings',
          PARLEY_STORE: 'sqlite',
          PARLEY_SQLITE_PATH: join(directory, 'sessions.db'),
          PARLEY_API_KEYS: API_KEY,
          PARLEY_BOT_DEFINITION_FILE: definitionPath,
        };
        const dialogue = await startDialogueProcess(env);
        url = dialogue.url;
        stopDialogue = () => dialogue.process.stop('SIGTERM');
        const api = new RestClient(url, API_KEY);
        for (const conversation of CONVERSATIONS) {
          const { id } = await api.post('/v1/sessions', {}, 201);
          for (const text of conversation) await api.post(`/v1/sessions/${id}/messages`, { text });
        }
        browser = await launchChromium();
      }, 120_000);
      afterAll(async () => {
        await browser?.close();
        await killAllServices();
        if (directory) await rm(directory, { recursive: true, force: true });
      });

      it('draws the audit it reads, labels a fallback into the definition file, and the retrained bot answers it', async () => {
        const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
        const page = await context.newPage();
        const problems: string[] = [];
        collectProblems(page, problems);
        const requested: string[] = [];
        page.on('request', (request) => requested.push(request.url()));

        // No key yet: the page asks for one.
        await page.goto(`${url}/dashboard`);
        await page.getByRole('heading', { name: 'API key' }).waitFor();
        await page.getByRole('textbox', { name: 'API key' }).fill('not-the-key-at-all-000');
        await page.getByRole('button', { name: 'Open the dashboard' }).click();
        await page.getByText('The service refused this key.').waitFor();
        await page.getByRole('textbox', { name: 'API key' }).fill(API_KEY);
        await page.getByRole('button', { name: 'Open the dashboard' }).click();
        await page
          .locator('body[data-loaded-at]')
          .waitFor({ state: 'attached', timeout: 15_000 })
          .catch((error: unknown) => {
            throw new Error(`the dashboard did not draw: ${String(error)}; the page's problems: ${problems.join('\n')}`);
          });
        expect(requested.filter((address) => address.includes(API_KEY))).toEqual([]);

        const body = page.locator('body');
        const window = { from: (await body.getAttribute('data-from')) ?? '', to: (await body.getAttribute('data-to')) ?? '' };
        const rows = await auditRows(new RestClient(url, API_KEY), window);
        const predictions = rows.filter((row) => row.kind === 'prediction');
        const messages = CONVERSATIONS.flat().length;
        expect(predictions).toHaveLength(messages);
        const isFallback = (row: AuditRow): boolean => row.fallbackReason !== 'NONE';
        const fallbacks = predictions.filter(isFallback);
        expect(fallbacks.length).toBeGreaterThanOrEqual(4);

        // Totals and the model version.
        expect(await kpi(page, 'kpi-messages')).toBe(String(messages));
        expect(await kpi(page, 'kpi-fallbacks')).toBe(String(fallbacks.length));
        expect(Number(await kpi(page, 'kpi-fallback-rate'))).toBeCloseTo(fallbacks.length / messages, 10);
        const newest = predictions[0] as AuditRow;
        expect(await kpi(page, 'kpi-model-version')).toBe(newest.data['modelVersion']);
        expect(await page.locator('#kpi-model-version').textContent()).toBe(newest.data['modelVersion']);

        // Messages over time: every message in some bucket; sessions per bucket at least the sessions of the run.
        const timeline = await chartOption<ChartOption>(page, 'chart-timeline');
        expect(sum(timeline.series[0]?.data as number[])).toBe(messages);
        expect(Math.max(...(timeline.series[1]?.data as number[]))).toBeGreaterThanOrEqual(1);
        expect(sum(timeline.series[1]?.data as number[])).toBeGreaterThanOrEqual(CONVERSATIONS.length);

        // Messages per intent.
        const intents = await chartOption<ChartOption>(page, 'chart-intents');
        expect(zip(intents.yAxis?.[0]?.data ?? [], intents.series[0]?.data as number[])).toEqual(
          countBy(predictions, (row) => row.intent ?? '?'),
        );

        // Fallback rate per state.
        const states = await chartOption<ChartOption>(page, 'chart-fallback-states');
        const expectedRates = Object.fromEntries(
          Object.entries(countBy(predictions, (row) => row.state ?? '?')).map(([state, count]) => {
            const failed = predictions.filter((row) => row.state === state && isFallback(row)).length;
            return [state, Math.round((failed / count) * 1000) / 10];
          }),
        );
        expect(zip(states.xAxis?.[0]?.data ?? [], states.series[0]?.data as number[])).toEqual(expectedRates);

        // Histogram of prediction scores, 10 bins of 0.1.
        const scores = await chartOption<ChartOption>(page, 'chart-scores');
        const histogram = new Array<number>(10).fill(0);
        for (const row of predictions) if (row.score !== undefined) histogram[Math.min(9, Math.floor(row.score * 10))]! += 1;
        expect(scores.series[0]?.data).toEqual(histogram);

        // States and transitions, with the traffic on each edge.
        const graph = (await chartOption<ChartOption>(page, 'chart-graph')).series[0] as unknown as {
          data: Array<{ name: string }>;
          links: Array<{ source: string; target: string; value: number }>;
        };
        expect(graph.data.map((node) => node.name).sort()).toEqual(['bad_state', 'good_state', 'hello_state', 'initial_state']);
        const taken = countBy(
          rows.filter((row) => row.kind === 'transition'),
          (row) => `${row.state}->${String(row.data['dest'])}`,
        );
        const drawn = Object.fromEntries(
          graph.links.filter((link) => link.value > 0).map((link) => [`${link.source}->${link.target}`, link.value]),
        );
        expect(drawn).toEqual(taken);
        expect(taken['initial_state->hello_state']).toBe(6);

        // The table of recent fallback and low-confidence messages.
        const listed = await page.locator('#recent tbody td.text').allTextContents();
        for (const row of fallbacks) expect(listed).toContain(row.data['text']);
        await screenshot(page, 'dashboard');

        // Label the unknown greeting as hello_intent on the page.
        await page
          .getByRole('checkbox', { name: `Select "${UNKNOWN_GREETING}"` })
          .first()
          .check();
        await page.getByLabel('Add the selected messages to the training phrases of').selectOption('hello_intent');
        await page.getByRole('button', { name: 'Add to training data' }).click();
        await page.locator('#label-result[data-added="1"]').waitFor();
        await screenshot(page, 'dashboard-labelled');
        const file = await readFile(definitionPath, 'utf8');
        expect(file).toContain('# Phrases the dashboard labels');
        expect(parseYaml(file)).toEqual({ intents: [{ name: 'hello_intent', trainingSentences: ['hey', UNKNOWN_GREETING] }] });
        await context.close();
        // The two refusals of the sign-in are the only problems the page met (the browser logs each 401).
        expect(problems).toEqual(new Array(2).fill('Failed to load resource: the server responded with a status of 401 (Unauthorized)'));

        // Retrain (the service trains its definition, the file's phrases included, at start-up): the bot answers it.
        await stopDialogue();
        const restarted = await startDialogueProcess(env);
        const api = new RestClient(restarted.url, API_KEY);
        const { id } = await api.post('/v1/sessions', {}, 201);
        const answer = await api.post(`/v1/sessions/${id}/messages`, { text: UNKNOWN_GREETING });
        expect(answer.prediction).toMatchObject({ intent: 'hello_intent', fallbackReason: 'NONE' });
        expect(answer.state).toBe('hello_state');
        expect(answer.replies[0]).toEqual({ type: 'str', content: 'Hi! How are you?' });
      }, 180_000);
    });
  });
}

/** Every audit row of the window, read page by page through the REST API: the independent reading. */
async function auditRows(api: RestClient, window: { from: string; to: string }): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ ...window, limit: '50', ...(cursor === undefined ? {} : { cursor }) });
    const page = await api.get(`/v1/audit?${query.toString()}`);
    rows.push(...(page.rows as AuditRow[]));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return rows;
}

async function kpi(page: Page, id: string): Promise<string | undefined> {
  return (await page.locator(`#${id}`).getAttribute('data-value')) ?? undefined;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function zip(names: readonly string[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(names.map((name, index) => [name, values[index] as number]));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
