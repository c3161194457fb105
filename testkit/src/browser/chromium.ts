/**
 * Debian's headless Chromium for the browser tests (playwright-core, never a downloaded browser): where it is, how
 * it is started, the gate that fails a browser test under CI=true without it (and skips it, with the reason,
 * elsewhere), and the page problems (script errors, CSP violations) a test asserts there were none of.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { it } from 'vitest';

/** Debian's package; PARLEY_CHROMIUM points elsewhere (another distribution's path). */
export const CHROMIUM = process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where the browser tests save their screenshots (gitignored; produced by every run). */
export const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Runs `body` (a describe) when Chromium is there; otherwise one failing test under CI=true, else a skipped one. */
export function withChromium(what: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    body();
  } else if (process.env['CI'] === 'true') {
    it('needs Chromium in CI', () => {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
    });
  } else {
    const reason = `${what} skipped: ${CHROMIUM} not found (apt-get install -y chromium to run it)`;
    console.warn(reason);
    it.skip(reason, () => {});
  }
}

/** Collects the page's script errors and console errors (CSP violations among them) into `problems`. */
export function collectProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
}

/** Saves a full-page screenshot as test-artifacts/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The option an ECharts chart in the page was given (what it draws), by its container's id; functions left out. */
export async function chartOption<T>(page: Page, id: string): Promise<T> {
  const json = await page.evaluate<string>(
    `JSON.stringify(echarts.getInstanceByDom(document.getElementById(${JSON.stringify(id)})).getOption())`,
  );
  return JSON.parse(json) as T;
}
