/**
 * Test driver: plays a dialogue service's part around a Bot (keeps the snapshot and the history between turns,
 * passes the history back as session.chatHistory) with an ExactMatchPredictor built from the bot's definition.
 */
import type { FileData, JsonObject } from '@parley/domain';
import { ExactMatchPredictor, type Bot, type SessionSnapshot, type TurnContext, type TurnInput, type TurnOutcome } from '@parley/bot';

export class Conversation {
  readonly bot: Bot;
  readonly id: string;
  readonly predictor: ExactMatchPredictor;
  readonly chatHistory: Array<[string, 0 | 1]> = [];
  snapshot: SessionSnapshot | undefined;

  constructor(bot: Bot, id = 'u1') {
    this.bot = bot;
    this.id = id;
    this.predictor = new ExactMatchPredictor(bot.definition());
  }

  get state(): string | undefined {
    return this.snapshot?.state;
  }

  async start(): Promise<TurnOutcome> {
    return this.keep(await this.bot.startSession(this.id, this.context()));
  }

  async reset(): Promise<TurnOutcome> {
    return this.keep(await this.bot.resetSession(this.id, this.context()));
  }

  say(text: string): Promise<TurnOutcome> {
    return this.send({ kind: 'message', text });
  }

  sendFile(file: FileData): Promise<TurnOutcome> {
    return this.send({ kind: 'file', file });
  }

  sendEvent(name: string, params: JsonObject = {}): Promise<TurnOutcome> {
    return this.send({ kind: 'event', name, params });
  }

  async send(input: TurnInput): Promise<TurnOutcome> {
    if (this.snapshot === undefined) throw new Error('start the conversation first');
    return this.keep(await this.bot.runTurn(this.snapshot, input, this.context()));
  }

  private context(): TurnContext {
    return { predictor: this.predictor, chatHistory: [...this.chatHistory] };
  }

  private keep(outcome: TurnOutcome): TurnOutcome {
    this.snapshot = outcome.snapshot;
    this.chatHistory.push(...outcome.history.map((row): [string, 0 | 1] => [row.text, row.sender]));
    return outcome;
  }
}

/** The texts of an outcome's replies (str and markdown replies; others as their type). */
export function texts(outcome: TurnOutcome): string[] {
  return outcome.replies.map((reply) => (typeof reply.content === 'string' ? reply.content : `<${reply.type}>`));
}
