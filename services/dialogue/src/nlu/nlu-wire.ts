/**
 * The one place the dialogue service maps the NLU wire types it deals in: the bot definition it trains and the
 * training result. Predictions (and google.protobuf.Value/Struct) map through @parley/proto, shared with the NLU.
 */
import type { BotDefinition } from '@parley/domain';
import type { nluV1 } from '@parley/proto';

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

export function fromWireTrainResult(wire: nluV1.TrainResult__Output): TrainSummary {
  return {
    modelId: wire.modelId,
    version: wire.version,
    reused: wire.reused,
    warnings: wire.warnings,
    trainSeconds: wire.trainSeconds,
  };
}
