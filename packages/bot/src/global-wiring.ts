/**
 * BBF's global states (§4.5): every waiting state outside a global component gets, at the end of its list, a
 * transition on the global intent into the component; the component's end returns to the state the user came from,
 * through the `prev_state` variable that entering the component sets. Unlike BBF, every end of a branching
 * component returns (BBF's issue #50), and terminal states can reach global components too.
 */
import type { State } from './state';
import type { Transition, TransitionCondition } from './transition';

/** The session variable that remembers where a global component was entered from, as BBF names it. */
export const PREV_STATE_VARIABLE = 'prev_state';

/** The transitions global states add, by source state name; they come after the state's own. */
export function wireGlobalStates(states: readonly State[]): Map<string, Transition[]> {
  const byName = new Map(states.map((state) => [state.name, state]));
  const components = states
    .filter((state) => state.globalIntent !== undefined)
    .map((start) => ({
      start,
      intent: (start.globalIntent as { name: string }).name,
      members: componentOf(start, byName),
    }));
  const inComponent = new Set(components.flatMap((component) => component.members.map((member) => member.name)));
  const added = new Map<string, Transition[]>();
  const add = (transition: Transition): void => {
    added.set(transition.source, [...(added.get(transition.source) ?? []), transition]);
  };
  for (const { start, intent, members } of components) {
    const ends = componentEnds(members);
    for (const state of states) {
      if (inComponent.has(state.name) || isAutomatic(state) || handles(state, intent)) continue;
      add({ source: state.name, dest: start.name, condition: { kind: 'intent_matched', intent } });
      for (const end of ends) {
        add({ source: end.name, dest: state.name, condition: returnsTo(state) });
      }
    }
  }
  return added;
}

/** The start and every state its transitions lead to, breadth first (BBF appends each destination it adds). */
function componentOf(start: State, byName: ReadonlyMap<string, State>): State[] {
  const members = [start];
  for (let index = 0; index < members.length; index += 1) {
    for (const transition of (members[index] as State).transitions) {
      const dest = byName.get(transition.dest);
      if (dest !== undefined && !members.includes(dest)) members.push(dest);
    }
  }
  return members;
}

/** The states the component finishes in: those without transitions, or else its last state as in BBF. */
function componentEnds(members: readonly State[]): State[] {
  const leaves = members.filter((member) => member.transitions.length === 0);
  return leaves.length > 0 ? leaves : members.slice(-1);
}

/** BBF's way back: `prev_state == <state>` on the component's end. */
function returnsTo(state: State): TransitionCondition {
  return { kind: 'variable_matches_operation', variable: PREV_STATE_VARIABLE, operation: '==', target: state.name };
}

function isAutomatic(state: State): boolean {
  return state.transitions[0]?.condition.kind === 'auto';
}

/** A state that already handles the global intent itself keeps its own transition. */
function handles(state: State, intent: string): boolean {
  return state.transitions.some((transition) => transition.condition.kind === 'intent_matched' && transition.condition.intent === intent);
}
