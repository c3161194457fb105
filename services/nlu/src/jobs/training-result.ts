/** What a finished training yields: the version's registry record and the job's result. */
import type { BotDefinition } from '@parley/domain';
import { lintDefinition, NO_ENCODER, type NluModel } from '@parley/nlu';
import type { VersionInfo } from '../registry/model-store';
import type { TrainResult } from './training-job';

export function versionInfoOf(model: NluModel, modelId: string, warnings: string[]): VersionInfo {
  return {
    modelId,
    version: model.version,
    createdAt: new Date().toISOString(),
    trainSeconds: model.trainSeconds,
    sizeBytes: model.sizeBytes,
    scopes: [...model.scopes],
    intents: model.definition.intents.length,
    examples: model.definition.intents.reduce((sum, intent) => sum + intent.trainingSentences.length, 0),
    stats: [...model.stats],
    warnings,
    encoder: model.encoder,
    calibration: model.calibration,
  };
}

export function resultOf(info: VersionInfo | undefined, definition: BotDefinition, version: string, reused: boolean): TrainResult {
  return {
    modelId: definition.name,
    version,
    reused,
    scopeStats: info?.stats ?? [],
    warnings: info?.warnings ?? lintDefinition(definition),
    trainSeconds: info?.trainSeconds ?? 0,
    encoder: info?.encoder ?? NO_ENCODER,
    ...(info?.calibration ? { calibration: info.calibration } : {}),
  };
}
