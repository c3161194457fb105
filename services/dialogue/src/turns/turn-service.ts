/**
 * What every channel (REST routes, the WebSocket channel) calls to run a turn. One implementation
 * (session-turns.ts) loads the session under its lock, calls the NLU, runs the bot and saves atomically.
 */
import type { FileData, IntentClassifierPrediction, JsonObject, Reply } from '@parley/domain';
import type { TurnError } from '@parley/bot';

export interface TurnResult {
  id: string;
  state: string;
  replies: Reply[];
  prediction?: IntentClassifierPrediction;
  /** What the bot's code threw during the turn (the turn went on, as in BBF); absent when nothing did. */
  errors?: TurnError[];
}

export interface SessionView {
  id: string;
  state: string;
  variables: JsonObject;
  chatHistory: Array<[string, 0 | 1]>;
}

export type TurnRequest =
  { kind: 'message'; text: string } | { kind: 'file'; file: FileData } | { kind: 'event'; name: string; params: JsonObject };

export interface TurnService {
  /** Creates a session (random 128-bit id unless given) and runs the initial body. */
  create(id?: string): Promise<TurnResult>;
  /**
   * Runs one turn. `messageId` makes it idempotent: a retry returns the stored result without running again.
   * `requestId` (the REST request's or WebSocket frame's id) goes to the NLU with each prediction, for its logs.
   */
  turn(id: string, request: TurnRequest, messageId?: string, requestId?: string): Promise<TurnResult>;
  /** Back to the initial state with no variables; the initial body runs; history is kept. */
  reset(id: string): Promise<TurnResult>;
  get(id: string): Promise<SessionView>;
  delete(id: string): Promise<void>;
  /** Called with every result once it is saved (before the call returns). */
  onResult(listener: (result: TurnResult) => void): () => void;
  /**
   * Called with each reply of any turn of any session as the bot's body sends it, before the turn ends and is saved
   * (as BBF sends replies), so channels can push it to every socket of the session at once.
   */
  onReply(listener: (id: string, reply: Reply) => void): () => void;
}
