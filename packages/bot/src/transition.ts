/**
 * A transition as the DSL records it: source, destination and the condition that fires it. The condition kinds
 * are the event names of the transition log (BBF's event function names, plus no_intent_matched and event).
 */
import type { JsonObject, JsonValue } from '@parley/domain';
import type { ReadonlySession } from './readonly-session';
import type { Session } from './session';
import { operationLabel, type VariableOperation } from './variable-operation';

/** Decides whether a received event fires its transition; it gets the event's params as BBF's event functions do. */
export type EventPredicate = (session: Session, eventParams: JsonObject) => boolean | Promise<boolean>;

/**
 * BBF's custom event (`when_event_go_to(fn, dest, event_params)`): a test over a read-only view of the session and
 * the params given with the transition, checked wherever BBF checks transitions (after a body, on every input).
 */
export type Condition = (session: ReadonlySession, params: JsonObject) => boolean | Promise<boolean>;

export type TransitionCondition =
  | { kind: 'auto' }
  | { kind: 'intent_matched'; intent: string }
  | { kind: 'no_intent_matched' }
  | { kind: 'variable_matches_operation'; variable: string; operation: VariableOperation; target: JsonValue }
  | { kind: 'file_received'; types: readonly string[] | undefined }
  | { kind: 'event'; name: string; predicate: EventPredicate | undefined }
  | { kind: 'condition'; name: string; condition: Condition; params: JsonObject };

export interface Transition {
  readonly source: string;
  readonly dest: string;
  readonly condition: TransitionCondition;
}

/** Intent transitions wait for a user message: after a body, the automatic walk stops at the first of them. */
export function waitsForMessage(condition: TransitionCondition): boolean {
  return condition.kind === 'intent_matched' || condition.kind === 'no_intent_matched';
}

/**
 * The `info` column of BBF's transition log: the intent, `var op target`, the file types, the event name, or the
 * condition's name and params.
 */
export function transitionInfo(condition: TransitionCondition): string {
  switch (condition.kind) {
    case 'auto':
      return '';
    case 'intent_matched':
      return condition.intent;
    case 'no_intent_matched':
      return 'fallback_intent';
    case 'variable_matches_operation':
      return `${condition.variable} ${operationLabel(condition.operation)} ${JSON.stringify(condition.target)}`;
    case 'file_received':
      return condition.types === undefined ? '*' : condition.types.join(', ');
    case 'event':
      return condition.name;
    case 'condition':
      return Object.keys(condition.params).length === 0 ? condition.name : `${condition.name} ${JSON.stringify(condition.params)}`;
  }
}
