/**
 * A dialogue state and BBF's DSL for it: a body, a fallback body and transitions kept in definition order.
 * Definition mistakes (mixing an automatic transition with others, a second transition on one intent, a foreign
 * intent or state) throw here, at the line that makes them.
 */
import { isJsonValue, type JsonObject, type JsonValue } from '@parley/domain';
import type { BotRegistry } from './bot-registry';
import { checkName, definitionError } from './definition-error';
import { Intent } from './intent';
import type { Session } from './session';
import type { Condition, EventPredicate, Transition, TransitionCondition } from './transition';
import { TransitionBuilder } from './transition-builder';
import { isVariableOperation, type VariableOperation } from './variable-operation';

/** A state body or fallback body; it may be async. */
export type StateBody = (session: Session) => void | Promise<void>;

export class State {
  readonly name: string;
  readonly initial: boolean;
  #body: StateBody | undefined;
  #fallbackBody: StateBody | undefined;
  #globalIntent: Intent | undefined;
  readonly #transitions: Transition[] = [];
  readonly #registry: BotRegistry;

  /** Create states with `bot.newState`, which registers them. */
  constructor(name: string, initial: boolean, registry: BotRegistry) {
    this.name = name;
    this.initial = initial;
    this.#registry = registry;
  }

  get body(): StateBody | undefined {
    return this.#body;
  }

  get fallbackBody(): StateBody | undefined {
    return this.#fallbackBody;
  }

  /** The intent that jumps here from any waiting state, when this state starts a global component. */
  get globalIntent(): Intent | undefined {
    return this.#globalIntent;
  }

  get transitions(): readonly Transition[] {
    return [...this.#transitions];
  }

  setBody(body: StateBody): void {
    this.#registry.assertOpen(`set the body of state '${this.name}'`);
    this.#body = this.#checkBody(body, 'body');
  }

  setFallbackBody(body: StateBody): void {
    this.#registry.assertOpen(`set the fallback body of state '${this.name}'`);
    this.#fallbackBody = this.#checkBody(body, 'fallbackBody');
  }

  whenIntentMatched(intent: Intent): TransitionBuilder {
    this.#checkIntent(intent);
    return this.#builder({ kind: 'intent_matched', intent: intent.name });
  }

  /** Turns "no intent understood" into a transition instead of the fallback body. */
  whenNoIntentMatched(): TransitionBuilder {
    return this.#builder({ kind: 'no_intent_matched' });
  }

  whenVariableMatchesOperation(variable: string, operation: VariableOperation, target: JsonValue): TransitionBuilder {
    checkName(variable, 'variable', this.#field);
    if (!isVariableOperation(operation)) {
      throw definitionError(
        `operation on variable '${variable}' must be one of < <= == != >= > or a function, got ${String(operation)}`,
        this.#field,
      );
    }
    if (!isJsonValue(target)) {
      throw definitionError(`target of the operation on variable '${variable}' must be a JSON value`, this.#field);
    }
    return this.#builder({ kind: 'variable_matches_operation', variable, operation, target: structuredClone(target) });
  }

  /** Fires on a received file whose MIME type is one of `types` (`image/*` matches any image); any file without. */
  whenFileReceived(types?: string | string[]): TransitionBuilder {
    const list = types === undefined ? undefined : typeof types === 'string' ? [types] : [...types];
    if (list !== undefined && (list.length === 0 || list.some((type) => typeof type !== 'string' || type === ''))) {
      const message = 'file types must be non-empty MIME type strings (omit them to accept any file)';
      throw definitionError(message, this.#field);
    }
    return this.#builder({ kind: 'file_received', types: list });
  }

  whenEvent(name: string, predicate?: EventPredicate): TransitionBuilder {
    checkName(name, 'event', this.#field);
    if (predicate !== undefined && typeof predicate !== 'function') {
      throw definitionError(`predicate of event '${name}' must be a function`, this.#field);
    }
    return this.#builder({ kind: 'event', name, predicate });
  }

  /**
   * BBF's custom event, `when_event_go_to(fn, dest, event_params)`: `condition(session, params)` over a read-only
   * view of the session, checked where BBF checks it: after a body (when it comes before the first intent
   * transition) and on every message, file or event. A condition that throws counts as false.
   */
  whenCondition(condition: Condition, params: JsonObject = {}): TransitionBuilder {
    if (typeof condition !== 'function') {
      throw definitionError(
        `condition of a transition of state '${this.name}' must be a function (session, params) => boolean`,
        this.#field,
      );
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params) || !isJsonValue(params)) {
      throw definitionError(`params of condition '${conditionName(condition)}' must be a JSON object`, this.#field);
    }
    return this.#builder({ kind: 'condition', name: conditionName(condition), condition, params: structuredClone(params) });
  }

  /** An automatic transition: taken right after the body. It must be the state's only transition. */
  goTo(dest: State): void {
    this.#add({ kind: 'auto' }, dest);
  }

  /** Makes this state the start of a global component, reachable with `intent` from every waiting state (§4.5). */
  setGlobal(intent: Intent): void {
    this.#registry.assertOpen(`make state '${this.name}' global`);
    this.#checkIntent(intent);
    if (this.#globalIntent !== undefined) {
      const message = `state '${this.name}' is already global (intent '${this.#globalIntent.name}')`;
      throw definitionError(message, this.#field);
    }
    this.#globalIntent = intent;
  }

  get #field(): string {
    return `states.${this.name}.transitions`;
  }

  #builder(condition: TransitionCondition): TransitionBuilder {
    return new TransitionBuilder((dest) => this.#add(condition, dest));
  }

  #add(condition: TransitionCondition, dest: State): void {
    this.#registry.assertOpen(`add a transition to state '${this.name}'`);
    if (!(dest instanceof State) || !this.#registry.ownsState(dest)) {
      throw definitionError(
        `transition from state '${this.name}' goes to a state that is not in bot '${this.#registry.botName}' ` +
          '(create it with bot.newState)',
        this.#field,
      );
    }
    this.#checkConflicts(condition);
    this.#transitions.push({ source: this.name, dest: dest.name, condition });
  }

  #checkConflicts(condition: TransitionCondition): void {
    if (this.#transitions.some((transition) => transition.condition.kind === 'auto')) {
      throw definitionError(`state '${this.name}' has an automatic transition (goTo), which must be its only transition`, this.#field);
    }
    if (condition.kind === 'auto' && this.#transitions.length > 0) {
      throw definitionError(
        `state '${this.name}' already has transitions; an automatic transition (goTo) must be the only one`,
        this.#field,
      );
    }
    if (this.#transitions.some((transition) => onSameIntent(transition.condition, condition))) {
      const what = condition.kind === 'intent_matched' ? `intent '${condition.intent}'` : 'no intent matched';
      throw definitionError(`state '${this.name}' already has a transition on ${what}`, this.#field);
    }
  }

  #checkIntent(intent: Intent): void {
    if (!(intent instanceof Intent) || !this.#registry.ownsIntent(intent)) {
      throw definitionError(
        `state '${this.name}' refers to an intent that is not in bot '${this.#registry.botName}' ` + '(create it with bot.newIntent)',
        this.#field,
      );
    }
  }

  #checkBody(body: StateBody, what: string): StateBody {
    if (typeof body !== 'function') {
      const message = `${what} of state '${this.name}' must be a function (session) => void`;
      throw definitionError(message, `states.${this.name}.${what}`);
    }
    return body;
  }
}

/** The transition log names a condition after its function, as BBF's names an event function. */
function conditionName(condition: Condition): string {
  return condition.name === '' ? 'condition' : condition.name;
}

/** BBF allows one transition per intent per state; fallback (no intent matched) counts as an intent. */
function onSameIntent(a: TransitionCondition, b: TransitionCondition): boolean {
  if (a.kind === 'no_intent_matched') return b.kind === 'no_intent_matched';
  return a.kind === 'intent_matched' && b.kind === 'intent_matched' && a.intent === b.intent;
}
