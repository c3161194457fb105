/**
 * Parley's example bots, as in BBF's examples: greetings (no entities), weather (a custom entity), weather-event
 * (the weather bot with a BBF custom event) and age.
 */
import type { Bot } from '@parley/bot';
import { ageBot } from './age';
import { greetingsBot } from './greetings';
import { weatherBot } from './weather';
import { weatherEventBot } from './weather-event';

export { ageBot, greetingsBot, weatherBot, weatherEventBot };

/** The examples by the name PARLEY_BOT uses. */
export const exampleBots: Readonly<Record<string, Bot>> = Object.freeze({
  greetings: greetingsBot,
  weather: weatherBot,
  'weather-event': weatherEventBot,
  age: ageBot,
});
