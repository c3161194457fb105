/**
 * Whether a transition fires for what the turn is handling. A received intent, file or event fires only the
 * transitions checked while it is being handled, never those of the states it leads to (BBF's flags); what is
 * left after a body (`settle`) are automatic, variable and condition transitions (BBF's custom events), which are
 * also checked on every input, as BBF checks every transition on a message or file.
 */
import { FALLBACK_INTENT, type FileData, type IntentClassifierPrediction, type JsonObject } from '@parley/domain';
import type { ReadonlySession } from './readonly-session';
import type { Session } from './session';
import type { TransitionCondition } from './transition';
import { applyOperation } from './variable-operation';

export type Trigger =
  | { kind: 'message'; prediction: IntentClassifierPrediction }
  | { kind: 'file'; file: FileData }
  | { kind: 'event'; name: string; params: JsonObject }
  | { kind: 'settle' };

/** `view`: what a condition gets, the session without its writes. May throw (an operation function or event predicate did); the caller counts that as false, as BBF does. */
export async function transitionFires(
  condition: TransitionCondition,
  trigger: Trigger,
  session: Session,
  view: ReadonlySession,
): Promise<boolean> {
  switch (condition.kind) {
    case 'auto':
      return true;
    case 'intent_matched':
      return trigger.kind === 'message' && trigger.prediction.intent === condition.intent;
    case 'no_intent_matched':
      return trigger.kind === 'message' && trigger.prediction.intent === FALLBACK_INTENT;
    case 'variable_matches_operation':
      return applyOperation(condition.operation, session.get(condition.variable), condition.target);
    case 'file_received':
      return (
        trigger.kind === 'file' && (condition.types === undefined || condition.types.some((type) => mimeMatches(type, trigger.file.type)))
      );
    case 'condition':
      return (await condition.condition(view, structuredClone(condition.params))) === true;
    case 'event':
      return (
        trigger.kind === 'event' &&
        trigger.name === condition.name &&
        (condition.predicate === undefined || (await condition.predicate(session, structuredClone(trigger.params))) === true)
      );
  }
}

/** Case-insensitive, ignoring parameters (`; charset=…`); `image/*` matches every image type. */
function mimeMatches(pattern: string, type: string): boolean {
  const essence = (mime: string): string => (mime.split(';')[0] ?? '').trim().toLowerCase();
  const [wanted, got] = [essence(pattern), essence(type)];
  return wanted.endsWith('/*') ? got.startsWith(wanted.slice(0, -1)) : wanted === got;
}
