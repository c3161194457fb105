/** Parley's example bots, as in BBF's examples: greetings (no entities), weather (a custom entity) and age. */
import type { Bot } from '@parley/bot';
import { ageBot } from './age';
import { greetingsBot } from './greetings';
import { weatherBot } from './weather';

export { ageBot, greetingsBot, weatherBot };

/** The examples by the name PARLEY_BOT uses. */
export const exampleBots: Readonly<Record<string, Bot>> = Object.freeze({
  greetings: greetingsBot,
  weather: weatherBot,
  age: ageBot,
});
