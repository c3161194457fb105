/**
 * Resolves PARLEY_BOT to the bot the service runs: an example by name (`weather`, `weather-event`, `greetings`,
 * `age`) or a path to a module that exports a Bot — TypeScript or JavaScript, ES module or CommonJS, as its
 * default export, as `bot`, as its only Bot-like export, or as `module.exports` itself. TypeScript runs through
 * tsx (esbuild), so a bot author has no compile step to know about.
 */
import { resolve } from 'node:path';
import { require as tsxRequire } from 'tsx/cjs/api';
import { exampleBots } from '@parley/examples';
import type { DialogueBot } from './dialogue-bot';

export function loadBot(spec: string, cwd: string = process.cwd()): DialogueBot {
  const example = exampleBots[spec];
  if (example) return example;
  const path = resolve(cwd, spec);
  let loaded: unknown;
  try {
    // tsx's require: .ts/.mts/.cts and ESM syntax are transformed on the fly; the service is CommonJS.
    loaded = tsxRequire(path, __filename);
  } catch (error) {
    throw new Error(
      `PARLEY_BOT: '${spec}' is neither an example (${Object.keys(exampleBots).join(', ')}) nor a loadable module: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const bot = candidatesOf(loaded).find(isBot);
  if (!bot) {
    throw new Error(
      `PARLEY_BOT: module ${path} exports no Bot; it exports ${describeExports(loaded)}. ` +
        "Export the bot as default (export default bot), as 'bot' (export const bot = …) or as module.exports = bot",
    );
  }
  return bot;
}

/** The module itself (module.exports = bot), its default (also a default compiled to CJS twice), `bot`, then the rest. */
function candidatesOf(loaded: unknown): unknown[] {
  if (typeof loaded !== 'object' || loaded === null) return [loaded];
  const exports = loaded as Record<string, unknown>;
  const fallback = exports.default;
  const nested = typeof fallback === 'object' && fallback !== null ? (fallback as Record<string, unknown>).default : undefined;
  return [loaded, fallback, nested, exports.bot, ...Object.values(exports)];
}

function describeExports(loaded: unknown): string {
  if (typeof loaded !== 'object' || loaded === null) return `a ${loaded === null ? 'null' : typeof loaded}`;
  const names = Object.entries(loaded as Record<string, unknown>).map(([name, value]) => `${name} (${kindOf(value)})`);
  return names.length === 0 ? 'nothing' : names.join(', ');
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name = (value.constructor as { name?: string } | undefined)?.name;
  return name === undefined || name === 'Object' ? 'an object that is not a Bot' : `a ${name} that is not a Bot`;
}

function isBot(value: unknown): value is DialogueBot {
  if (typeof value !== 'object' || value === null) return false;
  const bot = value as Record<string, unknown>;
  return ['definition', 'startSession', 'runTurn', 'resetSession'].every((method) => typeof bot[method] === 'function');
}
