/** Models and their versions (GetModel, ListModels, SetAlias) to the wire. */
import { NO_ENCODER } from '@parley/nlu';
import type { nluV1 } from '@parley/proto';
import type { ModelView, VersionView } from '../service/model-view';
import { calibrationToWire } from './calibration-wire';
import { jobToWire } from './job-wire';

function versionToWire(version: VersionView): nluV1.ModelVersion {
  return {
    version: version.version,
    createdAt: version.createdAt,
    scopes: version.scopes,
    intents: version.intents,
    examples: version.examples,
    sizeBytes: version.sizeBytes,
    loaded: version.loaded,
    engine: version.engine ?? '',
    trainSeconds: version.trainSeconds,
    encoder: version.encoder ?? NO_ENCODER,
    calibration: version.calibration ? calibrationToWire(version.calibration) : null,
  };
}

export function modelToWire(model: ModelView): nluV1.Model {
  return {
    id: model.modelId,
    versions: model.versions.map(versionToWire),
    aliases: model.aliases,
    activeJobs: model.activeJobs.map(jobToWire),
  };
}
