/**
 * What the dialogue service needs of a bot: the engine half of @parley/bot's Bot (it has more: the DSL). Naming
 * only this keeps the service coupled to the turn contract (turn.ts), not to the DSL.
 */
import type { BotDefinition } from '@parley/domain';
import type { SessionSnapshot, TurnContext, TurnInput, TurnOutcome } from '@parley/bot';

export interface DialogueBot {
  definition(): BotDefinition;
  startSession(id: string, context: TurnContext): Promise<TurnOutcome>;
  runTurn(snapshot: SessionSnapshot, input: TurnInput, context: TurnContext): Promise<TurnOutcome>;
  resetSession(id: string, context: TurnContext): Promise<TurnOutcome>;
  /** The states and their transitions, for the dashboard's graph (a Bot has them; a bot without them draws none). */
  readonly states?: ReadonlyArray<{ name: string; initial: boolean; transitions: ReadonlyArray<{ source: string; dest: string }> }>;
}
