/**
 * The bot as the engine runs it, built once from the DSL when the bot is sealed: each state's full transition list
 * (global wiring included), its scope of intents, and the checks that need the whole bot (one initial state, no
 * cycle of automatic transitions).
 */
import { ParleyError, type ScopeDefinition } from '@parley/domain';
import { definitionError } from './definition-error';
import { wireGlobalStates } from './global-wiring';
import type { State, StateBody } from './state';
import type { Transition } from './transition';

export interface CompiledState {
  readonly state: State;
  readonly transitions: readonly Transition[];
  /** The intents of its intent transitions, in order: the NLU scope named after the state. Empty: no NLU call. */
  readonly intents: readonly string[];
  readonly fallbackBody: StateBody | undefined;
}

export class CompiledBot {
  readonly name: string;
  readonly initial: string;
  readonly #states: ReadonlyMap<string, CompiledState>;
  readonly #globalStarts: ReadonlySet<string>;

  constructor(name: string, states: readonly State[], globalFallbackBody: StateBody | undefined) {
    this.name = name;
    this.initial = initialOf(states);
    const wired = wireGlobalStates(states);
    this.#states = new Map(
      states.map((state) => {
        const transitions = [...state.transitions, ...(wired.get(state.name) ?? [])];
        const compiled = {
          state,
          transitions,
          intents: intentsOf(transitions),
          fallbackBody: state.fallbackBody ?? globalFallbackBody,
        };
        return [state.name, compiled];
      }),
    );
    this.#globalStarts = new Set(states.filter((state) => state.globalIntent !== undefined).map((state) => state.name));
    checkAutomaticCycles(this.#states);
  }

  has(name: string): boolean {
    return this.#states.has(name);
  }

  state(name: string): CompiledState {
    const state = this.#states.get(name);
    if (state === undefined) {
      throw new ParleyError('INTERNAL', `bot '${this.name}' has no state '${name}' (was the bot changed?)`, {
        field: 'state',
      });
    }
    return state;
  }

  isGlobalStart(name: string): boolean {
    return this.#globalStarts.has(name);
  }

  scopes(): ScopeDefinition[] {
    return [...this.#states.values()]
      .filter((state) => state.intents.length > 0)
      .map((state) => ({ name: state.state.name, intents: [...state.intents] }));
  }
}

function initialOf(states: readonly State[]): string {
  const initial = states.filter((state) => state.initial);
  if (initial.length !== 1) {
    throw definitionError(
      `a bot needs exactly one initial state (bot.newState(name, { initial: true })), found ${initial.length}`,
      'states',
    );
  }
  return (initial[0] as State).name;
}

function intentsOf(transitions: readonly Transition[]): string[] {
  const intents = transitions.flatMap((transition) =>
    transition.condition.kind === 'intent_matched' ? [transition.condition.intent] : [],
  );
  return [...new Set(intents)];
}

/** States linked only by automatic transitions would move forever; refuse them before any session runs. */
function checkAutomaticCycles(states: ReadonlyMap<string, CompiledState>): void {
  for (const name of states.keys()) {
    const path = [name];
    let next = automaticDest(states.get(name));
    while (next !== undefined && !path.includes(next)) {
      path.push(next);
      next = automaticDest(states.get(next));
    }
    if (next !== undefined) {
      throw definitionError(
        `automatic transitions loop forever: ${[...path.slice(path.indexOf(next)), next].join(' → ')}`,
        `states.${next}.transitions`,
      );
    }
  }
}

function automaticDest(state: CompiledState | undefined): string | undefined {
  const first = state?.transitions[0];
  return first?.condition.kind === 'auto' ? first.dest : undefined;
}
