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

  it('loads every way a module can export a bot: module.exports, ESM default or named, TypeScript with types, no compile step', () => {
    writeFileSync(join(directory, 'whole.cjs'), `module.exports = ${BOT_LIKE};`);
    writeFileSync(join(directory, 'esm-default.mjs'), `export default ${BOT_LIKE};`);
    writeFileSync(join(directory, 'esm-named.mjs'), `export const weather = ${BOT_LIKE};`);
    const typed = `interface Session { reply(text: string): void }\nconst greet = (session: Session): void => session.reply('hi');`;
    writeFileSync(join(directory, 'default.ts'), `${typed}\nconst bot = ${BOT_LIKE};\nexport default bot;`);
    writeFileSync(join(directory, 'named.ts'), `${typed}\nexport const bot = ${BOT_LIKE};\nexport { greet };`);
    writeFileSync(join(directory, 'assigned.ts'), `${typed}\nmodule.exports = ${BOT_LIKE};`);
    for (const file of ['whole.cjs', 'esm-default.mjs', 'esm-named.mjs', 'default.ts', 'named.ts', 'assigned.ts']) {
      expect(loadBot(`./${file}`, directory).definition(), file).toBe('custom');
    }
  });

  it('names PARLEY_BOT when the module is missing or exports no bot, and says what it found', () => {
    expect(() => loadBot('./nowhere.js', directory)).toThrow(
      /^PARLEY_BOT: '\.\/nowhere\.js' is neither an example \(greetings, weather, weather-event, age\) nor a loadable module/,
    );
    writeFileSync(join(directory, 'empty.js'), 'exports.answer = 42; exports.helper = { run() {} };');
    expect(() => loadBot('./empty.js', directory)).toThrow(
      /^PARLEY_BOT: module .*empty\.js exports no Bot; it exports answer \(number\), helper \(an object that is not a Bot\)\. Export the bot as default/,
    );
    writeFileSync(join(directory, 'nothing.ts'), 'const unused: number = 1;');
    expect(() => loadBot('./nothing.ts', directory)).toThrow(/exports no Bot; it exports nothing\./);
  });
});
