/** IntentClassifierPrediction on the wire ↔ domain, for the NLU service and its clients alike; enums travel as their proto names. */
import type { FallbackReason, IntentClassifierPrediction } from '@parley/domain';
import type * as nluV1 from './generated/parley/nlu/v1';
import { fromWireStruct, fromWireValue, toWireStruct, toWireValue } from './json-wire';

const FALLBACK_REASONS: Record<FallbackReason, nluV1.FallbackReason__Output> = {
  NONE: 'FALLBACK_REASON_NONE',
  LOW_CONFIDENCE: 'FALLBACK_REASON_LOW_CONFIDENCE',
  AMBIGUOUS: 'FALLBACK_REASON_AMBIGUOUS',
  NO_INTENTS: 'FALLBACK_REASON_NO_INTENTS',
  OUT_OF_VOCABULARY: 'FALLBACK_REASON_OUT_OF_VOCABULARY',
};

const FALLBACK_REASON_OF = Object.fromEntries(Object.entries(FALLBACK_REASONS).map(([reason, wire]) => [wire, reason])) as Record<
  nluV1.FallbackReason__Output,
  FallbackReason
>;

/** `rankingLimit` > 0 keeps only the best entries: serialising a 150-intent ranking costs more than predicting. */
export function predictionToWire(prediction: IntentClassifierPrediction, rankingLimit = 0): nluV1.IntentClassifierPrediction {
  return {
    intent: prediction.intent,
    score: prediction.score,
    matchedSentence: prediction.matchedSentence,
    matchedParameters: prediction.matchedParameters.map((parameter) => ({
      name: parameter.name,
      // An absent Value means "not found": JSON null never travels as NULL_VALUE.
      value: parameter.value === null ? null : toWireValue(parameter.value),
      info: toWireStruct(parameter.info),
    })),
    ranking: rankingLimit > 0 ? prediction.ranking.slice(0, rankingLimit) : prediction.ranking,
    scope: prediction.scope,
    modelVersion: prediction.modelVersion,
    fallbackReason: FALLBACK_REASONS[prediction.fallbackReason],
  };
}

export function predictionFromWire(wire: nluV1.IntentClassifierPrediction__Output): IntentClassifierPrediction {
  return {
    intent: wire.intent,
    score: wire.score,
    matchedSentence: wire.matchedSentence,
    matchedParameters: wire.matchedParameters.map((parameter) => ({
      name: parameter.name,
      value: fromWireValue(parameter.value),
      info: fromWireStruct(parameter.info),
    })),
    ranking: wire.ranking.map(({ intent, score }) => ({ intent, score })),
    scope: wire.scope,
    modelVersion: wire.modelVersion,
    fallbackReason: FALLBACK_REASON_OF[wire.fallbackReason] ?? 'NONE',
  };
}
