/** The prediction a state without intent transitions gets without asking the NLU (BBF: no classifier, fallback). */
import { FALLBACK_INTENT, type IntentClassifierPrediction } from '@parley/domain';

export function fallbackPrediction(text: string, scope: string): IntentClassifierPrediction {
  return {
    intent: FALLBACK_INTENT,
    score: 1,
    matchedSentence: text,
    matchedParameters: [],
    ranking: [],
    scope,
    modelVersion: '',
    fallbackReason: 'NO_INTENTS',
  };
}
