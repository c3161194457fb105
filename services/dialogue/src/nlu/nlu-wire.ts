/**
 * The one place the dialogue service maps NLU wire types (generated from nlu.proto) to domain types and back:
 * the bot definition it trains, the predictions it receives, and google.protobuf.Value/Struct ↔ JsonValue.
 */
import type { BotDefinition, FallbackReason, IntentClassifierPrediction } from '@parley/domain';
import { fromWireStruct, fromWireValue, type nluV1 } from '@parley/proto';


export interface TrainSummary {
  modelId: string;
  version: string;
  reused: boolean;
  warnings: string[];
  trainSeconds: number;
}

export function toWireDefinition(definition: BotDefinition): nluV1.BotDefinition {
  return {
    name: definition.name,
    language: definition.language,
    intents: definition.intents.map((intent) => ({
      name: intent.name,
      description: intent.description ?? '',
      trainingSentences: intent.trainingSentences,
      parameters: intent.parameters.map((parameter) => ({ ...parameter })),
    })),
    entities: definition.entities.map((entity) => ({
      name: entity.name,
      description: entity.description ?? '',
      entries: entity.entries.map((entry) => ({ value: entry.value, synonyms: entry.synonyms })),
    })),
    scopes: definition.scopes.map((scope) => ({ name: scope.name, intents: scope.intents })),
    config: {
      threshold: definition.config.threshold,
      ambiguityMargin: definition.config.ambiguityMargin,
      seed: definition.config.seed,
      timezone: definition.config.timezone,
      hyperParameters: { ...definition.config.hyperParameters },
    },
  };
}

export function fromWirePrediction(wire: nluV1.IntentClassifierPrediction__Output): IntentClassifierPrediction {
  return {
    intent: wire.intent,
    score: wire.score,
    matchedSentence: wire.matchedSentence,
    matchedParameters: wire.matchedParameters.map((parameter) => ({
      name: parameter.name,
      value: fromWireValue(parameter.value),
      info: fromWireStruct(parameter.info),
    })),
    ranking: wire.ranking.map((entry) => ({ intent: entry.intent, score: entry.score })),
    scope: wire.scope,
    modelVersion: wire.modelVersion,
    fallbackReason: fallbackReasonOf(wire.fallbackReason),
  };
}

export function fromWireTrainResult(wire: nluV1.TrainResult__Output): TrainSummary {
  return {
    modelId: wire.modelId,
    version: wire.version,
    reused: wire.reused,
    warnings: wire.warnings,
    trainSeconds: wire.trainSeconds,
  };
}

const FALLBACK_REASONS: readonly FallbackReason[] = ['NONE', 'LOW_CONFIDENCE', 'AMBIGUOUS', 'NO_INTENTS', 'OUT_OF_VOCABULARY'];

function fallbackReasonOf(wire: string | number): FallbackReason {
  if (typeof wire === 'number') return FALLBACK_REASONS[wire] ?? 'NONE';
  const name = wire.replace(/^FALLBACK_REASON_/, '');
  return FALLBACK_REASONS.find((reason) => reason === name) ?? 'NONE';
}
