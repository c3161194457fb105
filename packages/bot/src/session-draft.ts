/**
 * The session as one turn changes it: a private copy of the snapshot plus everything the turn produces (replies,
 * chat rows, transitions, errors). The engine writes it directly; bodies reach it only through Session.
 */
import type { FileData, IntentClassifierPrediction, JsonObject, JsonValue, Reply } from '@parley/domain';
import { replyText } from './reply-text';
import type { ChatEntry, SessionSnapshot, TransitionRecord, TurnError, TurnOutcome } from './turn';

export interface ReceivedEvent {
  name: string;
  params: JsonObject;
}

export class SessionDraft {
  readonly id: string;
  state: string;
  readonly variables: Map<string, JsonValue>;
  predictedIntent: IntentClassifierPrediction | undefined;
  message: string | undefined;
  file: FileData | undefined;
  /** The event being handled in an event turn; events are not kept across turns. */
  event: ReceivedEvent | undefined;
  readonly chatHistory: Array<[string, 0 | 1]>;
  readonly replies: Reply[] = [];
  readonly history: ChatEntry[] = [];
  readonly transitions: TransitionRecord[] = [];
  readonly errors: TurnError[] = [];

  readonly #onReply: ((reply: Reply) => void) | undefined;

  constructor(snapshot: SessionSnapshot, chatHistory: ReadonlyArray<readonly [string, 0 | 1]>, onReply?: (reply: Reply) => void) {
    this.#onReply = onReply;
    this.id = snapshot.id;
    this.state = snapshot.state;
    // Copied so the turn never writes into the caller's snapshot.
    this.variables = new Map(Object.entries(structuredClone(snapshot.variables)));
    this.predictedIntent = snapshot.predictedIntent;
    this.message = snapshot.message;
    this.file = snapshot.file;
    this.chatHistory = chatHistory.map(([text, sender]) => [text, sender]);
  }

  addUserRow(entry: Omit<ChatEntry, 'sender'>): void {
    this.history.push({ sender: 1, ...entry });
    this.chatHistory.push([entry.text, 1]);
  }

  addReply(reply: Reply): void {
    const text = replyText(reply);
    this.replies.push(reply);
    this.history.push({ sender: 0, type: reply.type, text, content: reply.content as JsonValue });
    this.chatHistory.push([text, 0]);
    this.#onReply?.(structuredClone(reply));
  }

  outcome(prediction?: IntentClassifierPrediction): TurnOutcome {
    const outcome: TurnOutcome = {
      snapshot: this.#snapshot(),
      replies: this.replies,
      history: this.history,
      transitions: this.transitions,
      errors: this.errors,
    };
    if (prediction !== undefined) outcome.prediction = prediction;
    return outcome;
  }

  #snapshot(): SessionSnapshot {
    const snapshot: SessionSnapshot = { id: this.id, state: this.state, variables: Object.fromEntries(this.variables) };
    if (this.predictedIntent !== undefined) snapshot.predictedIntent = this.predictedIntent;
    if (this.message !== undefined) snapshot.message = this.message;
    if (this.file !== undefined) snapshot.file = this.file;
    return snapshot;
  }
}
