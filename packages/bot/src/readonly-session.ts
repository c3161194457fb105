/**
 * What a transition condition sees of a session (BBF's custom event functions read the session): variables, the
 * last message, prediction and file, the state and the chat history, and nothing that changes them. Session
 * extends it with the writes a body may make.
 */
import type { FileData, IntentClassifierPrediction, JsonObject, JsonValue } from '@parley/domain';
import type { SessionDraft } from './session-draft';

export class ReadonlySession {
  protected readonly draft: SessionDraft;

  /** The engine creates sessions; bodies and conditions receive them. */
  constructor(draft: SessionDraft) {
    this.draft = draft;
  }

  get id(): string {
    return this.draft.id;
  }

  /** Name of the state the session is in (during a body: the state whose body runs). */
  get currentState(): string {
    return this.draft.state;
  }

  /**
   * The last intent prediction, kept across turns; a file or event leaves it as it was. Undefined before the first
   * message. A copy, as variables are: the session is saved between turns.
   */
  get predictedIntent(): IntentClassifierPrediction | undefined {
    const prediction = this.draft.predictedIntent;
    return prediction === undefined ? undefined : structuredClone(prediction);
  }

  /** The last user message (a file's name after a file), kept across turns. */
  get message(): string | undefined {
    return this.draft.message;
  }

  /** The last file received, kept across turns (BBF: "received files are stored as part of the user sessions"). A copy. */
  get file(): FileData | undefined {
    const file = this.draft.file;
    return file === undefined ? undefined : { ...file };
  }

  /** The event being handled, during an event turn only. */
  get event(): { name: string; params: JsonObject } | undefined {
    const event = this.draft.event;
    return event === undefined ? undefined : { name: event.name, params: structuredClone(event.params) };
  }

  /** Recent chat rows, oldest first, with this turn's rows as they happen: [text, 0 = bot | 1 = user]. */
  get chatHistory(): Array<[string, 0 | 1]> {
    return this.draft.chatHistory.map(([text, sender]) => [text, sender]);
  }

  /** The variable's value (a copy), or undefined when it is not set. */
  get(key: string): JsonValue | undefined {
    const value = this.draft.variables.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }
}
