/**
 * The one place the dialogue service maps NLU wire types (generated from nlu.proto) to domain types and back:
 * the bot definition it trains, the predictions it receives, and google.protobuf.Value/Struct ↔ JsonValue.
 */
import type { BotDefinition, FallbackReason, IntentClassifierPrediction, JsonObject, JsonValue } from '@parley/domain';
import type { nluV1 } from '@parley/proto';

type WireValue = NonNullable<nluV1.MatchedParameter['value']>;
type WireValueOut = NonNullable<nluV1.MatchedParameter__Output['value']>;
type WireStruct = NonNullable<nluV1.MatchedParameter['info']>;
type WireStructOut = NonNullable<nluV1.MatchedParameter__Output['info']>;

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

/** An absent Value (a parameter that was not found) is null. */
export function fromWireValue(value: WireValueOut | null | undefined): JsonValue {
  switch (value?.kind) {
    case 'numberValue':
      return value.numberValue ?? 0;
    case 'stringValue':
      return value.stringValue ?? '';
    case 'boolValue':
      return value.boolValue ?? false;
    case 'structValue':
      return fromWireStruct(value.structValue);
    case 'listValue':
      return (value.listValue?.values ?? []).map((item) => fromWireValue(item));
    default:
      return null;
  }
}

export function fromWireStruct(struct: WireStructOut | null | undefined): JsonObject {
  const fields = struct?.fields ?? {};
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, fromWireValue(value)]));
}

export function toWireValue(value: JsonValue): WireValue {
  if (value === null) return { nullValue: 'NULL_VALUE' };
  if (Array.isArray(value)) return { listValue: { values: value.map(toWireValue) } };
  switch (typeof value) {
    case 'number':
      return { numberValue: value };
    case 'string':
      return { stringValue: value };
    case 'boolean':
      return { boolValue: value };
    default:
      return { structValue: toWireStruct(value) };
  }
}

export function toWireStruct(object: JsonObject): WireStruct {
  return { fields: Object.fromEntries(Object.entries(object).map(([key, value]) => [key, toWireValue(value)])) };
}

const FALLBACK_REASONS: readonly FallbackReason[] = ['NONE', 'LOW_CONFIDENCE', 'AMBIGUOUS', 'NO_INTENTS', 'OUT_OF_VOCABULARY'];

function fallbackReasonOf(wire: string | number): FallbackReason {
  if (typeof wire === 'number') return FALLBACK_REASONS[wire] ?? 'NONE';
  const name = wire.replace(/^FALLBACK_REASON_/, '');
  return FALLBACK_REASONS.find((reason) => reason === name) ?? 'NONE';
}
