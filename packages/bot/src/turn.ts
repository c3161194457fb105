/**
 * The contract between the bot engine (this package, no I/O) and the dialogue service, which loads and saves
 * sessions and calls the NLU. A turn is computed from a snapshot and returns a new one; nothing is mutated, so a
 * failed turn (NLU down, an automatic loop, …) leaves the stored session untouched. A body that throws (a non-JSON
 * variable included) fails only itself, as in BBF: the turn goes on and reports it in `errors`.
 */
import type { ErrorCode, FileData, IntentClassifierPrediction, JsonObject, JsonValue, Reply } from '@parley/domain';

export interface SessionSnapshot {
  id: string;
  state: string;
  variables: JsonObject;
  // The three fields below are what BBF's session keeps between turns besides state and variables; the dialogue
  // service stores them with the session, so every later body reads them.
  /** The last prediction (session.predictedIntent); a file or event turn leaves it as it was. */
  predictedIntent?: IntentClassifierPrediction;
  /** The last user message, or the last file's name (session.message). */
  message?: string;
  /** The last file received (session.file); it may be large. */
  file?: FileData;
}

/** One chat row as the engine produces it; the store assigns its position. 0 = bot, 1 = user. */
export interface ChatEntry {
  sender: 0 | 1;
  type: string;
  text: string;
  content: JsonValue;
}

export type TurnInput =
  { kind: 'message'; text: string } | { kind: 'file'; file: FileData } | { kind: 'event'; name: string; params: JsonObject };

export interface TransitionRecord {
  source: string;
  dest: string;
  /**
   * intent_matched, no_intent_matched, variable_matches_operation, file_received, event, condition, auto, or
   * state_missing (the session's state is gone from the bot: it moved to the initial state)
   */
  event: string;
  info: string;
}

/**
 * A failure the turn survived: a body, fallback body, condition, event predicate or operation that threw. `code` is
 * the thrown ParleyError's code (INVALID_VARIABLE for a non-JSON variable) or BOT_ERROR; `state` is the state
 * whose body or transition failed.
 */
export interface TurnError {
  code: ErrorCode;
  message: string;
  state: string;
}

export interface TurnOutcome {
  snapshot: SessionSnapshot;
  replies: Reply[];
  /** What to append to the history, in order: the user row (if any) then each bot reply. */
  history: ChatEntry[];
  transitions: TransitionRecord[];
  prediction?: IntentClassifierPrediction;
  /**
   * Failures the turn survived (BBF catches and logs them and carries on): the service logs and audits them and
   * answers them to the caller. Empty when all went well.
   */
  errors: TurnError[];
}

/** What a caller may add to a prediction request; the engine itself passes none. */
export interface PredictOptions {
  /** The id of the request that caused the turn, carried to the NLU for its logs (gRPC metadata x-request-id). */
  requestId?: string;
}

/** How the engine asks the NLU; the dialogue service implements it over gRPC. */
export interface Predictor {
  predict(text: string, scope: string, options?: PredictOptions): Promise<IntentClassifierPrediction>;
}

export interface TurnContext {
  predictor: Predictor;
  /** Recent history, oldest first, for session.chatHistory (the turn's own rows are appended as they happen). */
  chatHistory: Array<[string, 0 | 1]>;
  /** Reference time for the turn (tests pin it). */
  now?: Date;
  /**
   * Called with each reply as the body sends it (before the turn ends and is saved), so a channel can deliver it at
   * once as BBF does; the outcome still lists every reply.
   */
  onReply?: (reply: Reply) => void;
}
