/**
 * Runs one turn of the state machine (BBF §4.3, with §10's fixes) on a SessionDraft: handle the input, take the
 * first transition that fires, run the new state's body, then follow automatic transitions until a state waits.
 */
import { FALLBACK_INTENT, isParleyError, ParleyError, type FileData, type JsonObject } from '@parley/domain';
import type { CompiledBot, CompiledState } from './compiled-bot';
import { fallbackPrediction } from './fallback-prediction';
import { PREV_STATE_VARIABLE } from './global-wiring';
import { ReadonlySession } from './readonly-session';
import { Session } from './session';
import { SessionDraft } from './session-draft';
import type { StateBody } from './state';
import { transitionInfo, waitsForMessage, type Transition } from './transition';
import { transitionFires, type Trigger } from './transition-fires';
import type { Predictor, SessionSnapshot, TurnContext, TurnInput, TurnOutcome } from './turn';

/** More moves than this in one turn means automatic transitions loop; the turn fails and the session is unchanged. */
export const MAX_MOVES_PER_TURN = 50;

/** The event of the transition that moves a session out of a state its bot no longer has. */
export const STATE_MISSING_EVENT = 'state_missing';

/** The code of a failure in the bot's own code (anything but a ParleyError, which keeps its code). */
const BOT_ERROR = 'BOT_ERROR';

const DEFAULT_FALLBACK_REPLY = "Sorry, I didn't get it";

const defaultFallbackBody: StateBody = (session) => session.reply(DEFAULT_FALLBACK_REPLY);

export class TurnRunner {
  readonly #bot: CompiledBot;
  readonly #draft: SessionDraft;
  readonly #session: Session;
  readonly #view: ReadonlySession;
  #moves = 0;

  constructor(bot: CompiledBot, snapshot: SessionSnapshot, context: TurnContext) {
    this.#bot = bot;
    this.#draft = new SessionDraft(snapshot, context.chatHistory, context.onReply);
    this.#session = new Session(this.#draft);
    this.#view = new ReadonlySession(this.#draft);
  }

  /** A new session: the current (initial) state's body, then what follows automatically. */
  async start(): Promise<TurnOutcome> {
    await this.#runBody(this.#current().state.body, `body of state '${this.#draft.state}'`);
    await this.#settle();
    return this.#draft.outcome();
  }

  async run(input: TurnInput, predictor: Predictor): Promise<TurnOutcome> {
    if (!this.#bot.has(this.#draft.state)) await this.#leaveMissingState();
    switch (input.kind) {
      case 'message':
        return this.#onMessage(input.text, predictor);
      case 'file':
        return this.#onFile(input.file);
      case 'event':
        return this.#onEvent(input.name, input.params);
      default: {
        const kind = JSON.stringify((input as { kind: unknown }).kind);
        throw new ParleyError('INVALID_ARGUMENT', `unknown turn input kind ${kind}`, { field: 'kind' });
      }
    }
  }

  async #onMessage(text: string, predictor: Predictor): Promise<TurnOutcome> {
    const current = this.#current();
    this.#draft.addUserRow({ type: 'str', text, content: text });
    const scope = current.state.name;
    const prediction = current.intents.length > 0 ? await predictor.predict(text, scope) : fallbackPrediction(text, scope);
    this.#draft.message = text;
    this.#draft.predictedIntent = prediction;
    const moved = await this.#fire({ kind: 'message', prediction });
    if (!moved && prediction.intent === FALLBACK_INTENT) await this.#runFallback(current);
    return this.#draft.outcome(prediction);
  }

  async #onFile(file: FileData): Promise<TurnOutcome> {
    const current = this.#current();
    this.#draft.addUserRow({ type: 'file', text: file.name, content: { name: file.name, type: file.type } });
    this.#draft.message = file.name;
    this.#draft.file = { name: file.name, type: file.type, base64: file.base64 };
    if (!(await this.#fire({ kind: 'file', file: this.#draft.file }))) await this.#runFallback(current);
    return this.#draft.outcome();
  }

  /** An event nobody waits for changes nothing: it is not user text, so no fallback body runs. */
  async #onEvent(name: string, params: JsonObject): Promise<TurnOutcome> {
    const event = { name, params: structuredClone(params) };
    this.#draft.addUserRow({ type: 'event', text: `event:${name}`, content: event });
    this.#draft.event = event;
    await this.#fire({ kind: 'event', ...event });
    return this.#draft.outcome();
  }

  /**
   * The bot changed under a live session (a state renamed or removed): the session moves to the initial state,
   * recorded as a transition (audited, and logged by the service), without the initial body (the session is not
   * new), then handles its input there as any session waiting in that state. Its variables stay as they are.
   */
  async #leaveMissingState(): Promise<void> {
    const missing = this.#draft.state;
    this.#draft.transitions.push({
      source: missing,
      dest: this.#bot.initial,
      event: STATE_MISSING_EVENT,
      info: `bot '${this.#bot.name}' has no state '${missing}' any more`,
    });
    this.#draft.state = this.#bot.initial;
    await this.#settle();
  }

  /** Takes the first transition that fires for the input, then settles; false when none fired. */
  async #fire(trigger: Trigger): Promise<boolean> {
    const transition = await this.#firstFiring(trigger);
    if (transition === undefined) return false;
    await this.#move(transition);
    await this.#settle();
    return true;
  }

  /** After a body: moves while an automatic or variable transition before the first intent transition fires. */
  async #settle(): Promise<void> {
    for (;;) {
      const transition = await this.#firstFiring({ kind: 'settle' });
      if (transition === undefined) return;
      await this.#move(transition);
    }
  }

  async #firstFiring(trigger: Trigger): Promise<Transition | undefined> {
    for (const transition of this.#current().transitions) {
      if (trigger.kind === 'settle' && waitsForMessage(transition.condition)) return undefined;
      if (await this.#fires(transition, trigger)) return transition;
    }
    return undefined;
  }

  async #fires(transition: Transition, trigger: Trigger): Promise<boolean> {
    try {
      return await transitionFires(transition.condition, trigger, this.#session, this.#view);
    } catch (error) {
      this.#fail(error, `transition ${label(transition)} failed, counted as not firing`);
      return false;
    }
  }

  async #move(transition: Transition): Promise<void> {
    this.#moves += 1;
    if (this.#moves > MAX_MOVES_PER_TURN) throw this.#loopError();
    this.#draft.transitions.push({
      source: transition.source,
      dest: transition.dest,
      event: transition.condition.kind,
      info: transitionInfo(transition.condition),
    });
    if (this.#bot.isGlobalStart(transition.dest)) this.#draft.variables.set(PREV_STATE_VARIABLE, transition.source);
    this.#draft.state = transition.dest;
    await this.#runBody(this.#current().state.body, `body of state '${transition.dest}'`);
  }

  async #runFallback(state: CompiledState): Promise<void> {
    await this.#runBody(state.fallbackBody ?? defaultFallbackBody, `fallback body of state '${state.state.name}'`);
  }

  /** BBF catches and logs a failing body and carries on; we report it in the outcome's errors instead. */
  async #runBody(body: StateBody | undefined, what: string): Promise<void> {
    if (body === undefined) return;
    try {
      await body(this.#session);
    } catch (error) {
      this.#fail(error, `${what} failed`);
    }
  }

  /** Records what threw against the state the session is in: the state whose body or transition ran. */
  #fail(error: unknown, what: string): void {
    const code = isParleyError(error) ? error.code : BOT_ERROR;
    this.#draft.errors.push({ code, message: `${what}: ${message(error)}`, state: this.#draft.state });
  }

  #current(): CompiledState {
    return this.#bot.state(this.#draft.state);
  }

  #loopError(): ParleyError {
    const path = this.#draft.transitions.slice(-6).map((record) => record.source);
    return new ParleyError(
      'INTERNAL',
      `bot '${this.#bot.name}' moved more than ${MAX_MOVES_PER_TURN} times in one turn without waiting for input ` +
        `(an automatic loop: … ${[...path, this.#draft.state].join(' → ')}); the session is unchanged`,
      { field: 'transitions' },
    );
  }
}

function label(transition: Transition): string {
  const info = transitionInfo(transition.condition);
  const event = info === '' ? transition.condition.kind : `${transition.condition.kind} (${info})`;
  return `${event}: [${transition.source}] --> [${transition.dest}]`;
}

function message(error: unknown): string {
  if (isParleyError(error)) return error.message;
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
}
