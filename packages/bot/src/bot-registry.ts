/**
 * What states and intents ask of the bot that owns them while they are being defined: whether it may still change,
 * and whether an intent, entity or state they are handed belongs to it. Kept apart so Bot's public API stays the DSL.
 */
import type { Entity } from './entity';
import type { Intent } from './intent';
import type { State } from './state';

export interface BotRegistry {
  readonly botName: string;
  /** Throws once the bot is sealed (its definition was taken or a session ran). */
  assertOpen(action: string): void;
  ownsIntent(intent: Intent): boolean;
  ownsEntity(entity: Entity): boolean;
  ownsState(state: State): boolean;
}
