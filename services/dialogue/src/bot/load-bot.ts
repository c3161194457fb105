/**
 * Resolves PARLEY_BOT to the bot the service runs: an example by name (`weather`, `greetings`, `age`) or a path to
 * a JavaScript module that exports a Bot (as `default`, as `bot`, or as its only Bot-like export).
 */
import { resolve } from 'node:path';
import { exampleBots } from '@parley/examples';
import type { DialogueBot } from './dialogue-bot';

export function loadBot(spec: string, cwd: string = process.cwd()): DialogueBot {
  const example = exampleBots[spec];
  if (example) return example;
  const path = resolve(cwd, spec);
  let exports: Record<string, unknown>;
  try {
    // require, not import: the module is chosen at run time and the service is CommonJS.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exports = require(path) as Record<string, unknown>;
  } catch (error) {
    throw new Error(
      `PARLEY_BOT: '${spec}' is neither an example (${Object.keys(exampleBots).join(', ')}) nor a loadable module: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const candidates = [exports.default, exports.bot, ...Object.values(exports)].filter(isBot);
  const bot = candidates[0];
  if (!bot) throw new Error(`PARLEY_BOT: module ${path} exports no Bot (export it as default or as 'bot')`);
  return bot;
}

function isBot(value: unknown): value is DialogueBot {
  if (typeof value !== 'object' || value === null) return false;
  const bot = value as Record<string, unknown>;
  return ['definition', 'startSession', 'runTurn', 'resetSession'].every((method) => typeof bot[method] === 'function');
}
