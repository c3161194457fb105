/**
 * BBF's decision rule, plus an ambiguity margin: the best-ranked intent wins unless its score is below the
 * threshold (LOW_CONFIDENCE) or too close to the runner-up (AMBIGUOUS); then fallback_intent answers with score 1.
 */
import { FALLBACK_INTENT, type FallbackReason, type IntentScore } from '@parley/domain';

export interface IntentDecision {
  intent: string;
  score: number;
  fallbackReason: FallbackReason;
}

export interface DecisionRule {
  /** The model's threshold (its calibration). */
  threshold: number;
  ambiguityMargin: number;
}

export function decideIntent(ranking: readonly IntentScore[], config: DecisionRule): IntentDecision {
  const [best, second] = ranking;
  if (best === undefined) return fallback('NO_INTENTS');
  // A score equal to the threshold passes, as in BBF.
  if (best.score < config.threshold) return fallback('LOW_CONFIDENCE');
  if (second !== undefined && config.ambiguityMargin > 0 && best.score - second.score < config.ambiguityMargin) {
    return fallback('AMBIGUOUS');
  }
  return { intent: best.intent, score: best.score, fallbackReason: 'NONE' };
}

export function fallback(fallbackReason: FallbackReason): IntentDecision {
  return { intent: FALLBACK_INTENT, score: 1, fallbackReason };
}
