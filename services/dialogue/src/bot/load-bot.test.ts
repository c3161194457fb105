import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { greetingsBot, weatherBot } from '@parley/examples';
import { loadBot } from './load-bot';

const directory = mkdtempSync(join(tmpdir(), 'parley-load-bot-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// What a compiled bot module looks like to require(): only its shape matters here.
const BOT_LIKE = `{ definition() { return 'custom'; }, startSession() {}, runTurn() {}, resetSession() {} }`;

describe('loadBot', () => {
  it('finds the examples by name', () => {
    expect(loadBot('weather')).toBe(weatherBot);
    expect(loadBot('greetings')).toBe(greetingsBot);
    expect(loadBot('age').definition().name).toBe('age_bot');
  });

  it('loads a module exporting a bot as default, as `bot`, or as its only bot, relative to the working directory', () => {
    writeFileSync(join(directory, 'default.js'), `exports.default = ${BOT_LIKE};`);
    writeFileSync(join(directory, 'named.js'), `exports.bot = ${BOT_LIKE};`);
    writeFileSync(join(directory, 'other.js'), `exports.version = 2; exports.myBot = ${BOT_LIKE};`);
    for (const file of ['default.js', 'named.js', 'other.js']) {
      expect(loadBot(`./${file}`, directory).definition()).toBe('custom');
    }
  });

  it('names PARLEY_BOT when the module is missing or exports no bot', () => {
    expect(() => loadBot('./nowhere.js', directory)).toThrow(
      /^PARLEY_BOT: '\.\/nowhere\.js' is neither an example \(greetings, weather, age\) nor a loadable module/,
    );
    writeFileSync(join(directory, 'empty.js'), 'exports.answer = 42;');
    expect(() => loadBot('./empty.js', directory)).toThrow(/^PARLEY_BOT: module .*empty\.js exports no Bot/);
  });
});
