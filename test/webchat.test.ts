/**
 * The web chat page in Debian's headless Chromium (playwright-core, never a downloaded browser): a conversation
 * with the greetings bot (typed message, option button, file upload, reset), reconnect and reload resuming the
 * session, and every reply type rendered safely. Saves a screenshot to test-artifacts/webchat.png.
 * Without Chromium the test fails under CI=true and is skipped, with the reason, elsewhere.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { collectProblems, launchChromium, screenshot, withChromium } from '@parley/testkit/browser/chromium';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTurns } from '@parley/testkit/webchat/memory-turns';
import { GREETINGS, serveChat, startChatUnderTest, type ChatUnderTest } from '@parley/testkit/webchat/serve-chat';
import { showcaseBot } from '@parley/testkit/webchat/showcase-bot';
import { startDialogueTestApp } from '@parley/testkit/services/dialogue-test-app';
import { Bot } from '@parley/bot';

/** Replies, waits 1.5 s, replies again, then throws: a reply sent before a slow call, and an error to show. */
function slowFailingBot(): Bot {
  const bot = new Bot('slow_bot');
  const stock = bot.newIntent('stock_intent', ['check the stock', 'stock please']);
  const idle = bot.newState('idle', { initial: true });
  const checking = bot.newState('checking');
  idle.whenIntentMatched(stock).goTo(checking);
  checking.setBody(async (session) => {
    session.reply('Checking…');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    session.reply('Still here');
    throw new Error('warehouse offline');
  });
  checking.goTo(idle);
  return bot;
}

withChromium('web chat browser test', () => {
  describe('web chat in headless Chromium', () => {
    let browser: Browser;
    let context: BrowserContext | undefined;
    let problems: string[] = [];

    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });
    afterEach(async () => {
      await context?.close();
      context = undefined;
      // CSP violations and script errors surface here: the page must run clean under its own policy.
      expect(problems).toEqual([]);
      problems = [];
    });

    async function open(chat: ChatUnderTest): Promise<Page> {
      context = await browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      collectProblems(page, problems);
      await page.goto(chat.url);
      await connected(page);
      return page;
    }

    describe('with the greetings bot', () => {
      let chat: ChatUnderTest;
      beforeAll(async () => {
        chat = await startChatUnderTest();
      });
      afterAll(async () => {
        await chat?.close();
      });

      it('holds a conversation: typed message, option button, file upload, then reset', async () => {
        const page = await open(chat);
        await expectAccessibleMarkup(page);

        await messageBox(page).fill(GREETINGS.hello);
        await page.keyboard.press('Enter');
        await botSaid(page, GREETINGS.helloReply);
        const options = page.getByRole('group', { name: 'Reply options' }).getByRole('button');
        expect(await options.allTextContents()).toEqual(GREETINGS.options);

        await page.getByRole('button', { name: GREETINGS.options[0] }).click();
        await botSaid(page, GREETINGS.goodReply);
        expect(await page.getByRole('button', { name: GREETINGS.options[0] }).isDisabled()).toBe(true);
        expect(await messageBox(page).inputValue()).toBe('');

        await page.getByLabel('Attach a file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
        await botSaid(page, GREETINGS.fileReply);
        expect(await bubbles(page, 'user')).toEqual([GREETINGS.hello, GREETINGS.options[0], 'File: notes.txt']);
        expect(await bubbles(page, 'bot')).toEqual([
          GREETINGS.helloReply,
          GREETINGS.options.join(''),
          GREETINGS.goodReply,
          GREETINGS.fileReply,
        ]);
        await screenshot(page, 'webchat');

        await page.getByRole('button', { name: 'Reset conversation' }).click();
        await page.locator('#log .note', { hasText: 'Conversation restarted.' }).waitFor();
        expect(await page.locator('#log .message').count()).toBe(0);
        await messageBox(page).fill(GREETINGS.hello);
        await page.getByRole('button', { name: 'Send' }).click();
        await botSaid(page, GREETINGS.helloReply);
      });

      it('reconnects after the server drops the socket and resumes the same session and state', async () => {
        const page = await open(chat);
        const id = await sessionId(page);
        await messageBox(page).fill(GREETINGS.hello);
        await page.keyboard.press('Enter');
        await botSaid(page, GREETINGS.helloReply);

        for (const socket of chat.app.websocketServer.clients) socket.close(1012, 'service restart');
        await page.locator('#status[data-state="offline"]').waitFor();
        await connected(page);
        expect(await sessionId(page)).toBe(id);

        // Only a resumed session is still waiting in hello_state for how the user feels.
        await page.getByRole('button', { name: GREETINGS.options[1] }).click();
        await botSaid(page, GREETINGS.badReply);
      });

      it('after a reload, shows the session’s history and carries on with it', async () => {
        const page = await open(chat);
        await messageBox(page).fill(GREETINGS.hello);
        await page.keyboard.press('Enter');
        await botSaid(page, GREETINGS.helloReply);
        const id = await sessionId(page);

        await page.reload();
        await connected(page);
        expect(await sessionId(page)).toBe(id);
        expect(await bubbles(page, 'user')).toContain(GREETINGS.hello);
        expect(await bubbles(page, 'bot')).toContain(GREETINGS.helloReply);
      });
    });

    describe('with a bot that sends every reply type', () => {
      let chat: ChatUnderTest;
      beforeAll(async () => {
        chat = await serveChat(new MemoryTurns(showcaseBot));
      });
      afterAll(async () => {
        await chat?.close();
      });

      it('renders markdown, image, location, JSON and options, and never runs markup from a reply', async () => {
        const page = await open(chat);
        await messageBox(page).fill('show');
        await page.keyboard.press('Enter');
        await page.getByRole('group', { name: 'Reply options' }).waitFor();

        const markdown = page.locator('#log .message.bot .bubble').nth(2);
        expect(await markdown.locator('strong').textContent()).toBe('Bold');
        expect(await markdown.locator('em').textContent()).toBe('italic');
        expect(await markdown.locator('code').textContent()).toBe('code <b>not bold</b>');
        expect(await markdown.locator('a').getAttribute('href')).toBe('https://example.org/docs');
        expect(await markdown.locator('li').allTextContents()).toEqual(['first item', 'second item']);
        expect(await markdown.textContent()).toContain('<img src=x onerror="window.__xss = 1"> and [bad](javascript:window.__xss=2)');
        expect(await markdown.locator('img, b').count()).toBe(0);
        expect(await page.locator('#log .message.bot .bubble').nth(1).textContent()).toBe('<script>window.__xss = 3</script>');
        expect(await page.evaluate('window.__xss')).toBeUndefined();

        const image = page.getByRole('img', { name: 'pixel.png' });
        await expect.poll(() => image.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(1);
        expect(await image.getAttribute('src')).toMatch(/^blob:/);
        expect(await page.getByRole('link', { name: 'Location: 49.61, 6.13' }).getAttribute('href')).toContain('mlat=49.61');
        expect(JSON.parse(String(await page.locator('#log pre.json').textContent()))).toEqual({ city: 'Luxembourg', temperature: 21 });

        // Keyboard only: focus the first option and press Enter.
        await page.getByRole('button', { name: 'Yes please' }).focus();
        await page.keyboard.press('Enter');
        await botSaid(page, 'You chose Yes please');
      });

      it('sends a file and offers the file the bot sends back as a download with the same bytes', async () => {
        const page = await open(chat);
        const content = Buffer.from('ünïcödé bytes \u0000\u00ff');
        await page.getByLabel('Attach a file').setInputFiles({ name: 'data.bin', mimeType: 'application/octet-stream', buffer: content });
        await botSaid(page, 'Got data.bin');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download echo-data.bin' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('echo-data.bin');
        expect(await readFile(await download.path())).toEqual(content);
      });
    });

    describe('with a slow bot whose body throws, in dev mode (the real dialogue app)', () => {
      let chat: ChatUnderTest;
      beforeAll(async () => {
        const harness = await startDialogueTestApp(slowFailingBot(), { env: { PARLEY_DEV_MODE: 'true' } });
        const url = await harness.app.listen({ host: '127.0.0.1', port: 0 });
        chat = { url: `${url}/`, app: harness.app, close: () => harness.close() };
      });
      afterAll(async () => {
        await chat?.close();
      });

      it('shows each reply as the body sends it, then what the body threw, naming the state', async () => {
        const page = await open(chat);
        await messageBox(page).fill('check the stock');
        await page.keyboard.press('Enter');
        await botSaid(page, 'Checking…');
        // The body is still waiting: the first reply arrived when it was sent, not at the end of the turn.
        expect(await bubbles(page, 'bot')).toEqual(['Checking…']);
        await botSaid(page, 'Still here');
        await page.locator('#log .note.dev', { hasText: "Bot error in state 'checking' (BOT_ERROR)" }).waitFor();
        expect(await page.locator('#log .note.dev').textContent()).toMatch(/body of state 'checking' failed: warehouse offline/);
      });
    });
  });
});

async function connected(page: Page): Promise<void> {
  await page.locator('#status[data-state="connected"]').waitFor();
}

async function botSaid(page: Page, text: string): Promise<void> {
  await page.locator('#log .message.bot .bubble', { hasText: text }).last().waitFor();
}

async function bubbles(page: Page, sender: 'bot' | 'user'): Promise<string[]> {
  return page.locator(`#log .message.${sender} .bubble`).allTextContents();
}

async function sessionId(page: Page): Promise<string | null> {
  return page.evaluate<string | null>("sessionStorage.getItem('parley.sessionId')");
}

/** Landmarks, a live log, labelled controls and named buttons: what a screen reader user needs to chat. */
async function expectAccessibleMarkup(page: Page): Promise<void> {
  for (const landmark of ['banner', 'main', 'contentinfo'] as const) expect(await page.getByRole(landmark).count()).toBe(1);
  const log = page.getByRole('log', { name: 'Conversation' });
  expect(await log.getAttribute('aria-live')).toBe('polite');
  expect(await page.getByRole('status').count()).toBe(1);
  expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(1);
  expect(await page.getByLabel('Attach a file').count()).toBe(1);
  for (const name of ['Send', 'Reset conversation']) expect(await page.getByRole('button', { name }).count()).toBe(1);
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
}

function messageBox(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Message' });
}
