/** What one classification returns: BBF's IntentClassifierPrediction, with ranking, scope and version added. */
import type { JsonObject, JsonValue } from './json';

export const FALLBACK_INTENT = 'fallback_intent';

export interface MatchedParameter {
  name: string;
  /** Custom entity: the entry's main value. number/percentage: a number. datetime: ISO-8601 string. Not found: null. */
  value: JsonValue;
  /** datetime: {year, month, day, hour, minute, second: boolean, frag: string}; money: {currency}; otherwise {}. */
  info: JsonObject;
}

export interface IntentScore {
  intent: string;
  score: number;
}

/** Why the answer is fallback_intent; NONE when a real intent was matched. */
export type FallbackReason = 'NONE' | 'LOW_CONFIDENCE' | 'AMBIGUOUS' | 'NO_INTENTS' | 'OUT_OF_VOCABULARY';

export interface IntentClassifierPrediction {
  intent: string;
  /** Confidence in [0, 1]. For fallback_intent it is 1, as in BBF; the real scores stay in `ranking`. */
  score: number;
  /** The text the classifier saw: normalised, with entity values replaced by placeholders. */
  matchedSentence: string;
  /** One entry per declared parameter of `intent`, value null where not found. */
  matchedParameters: MatchedParameter[];
  /** Every intent of the scope with its score, best first. */
  ranking: IntentScore[];
  scope: string;
  modelVersion: string;
  fallbackReason: FallbackReason;
}

export function getParameter(prediction: IntentClassifierPrediction, name: string): MatchedParameter | undefined {
  return prediction.matchedParameters.find((parameter) => parameter.name === name);
}
