/** Rebuilds a model from its artifact, without training: the same definition and weights predict identically. */
import type { NluModel, NluModelArtifact } from '../api';
import { FeatureVocabulary } from '../classifier/feature-vocabulary';
import { IntentClassifier } from '../classifier/intent-classifier';
import { VectorClassifier } from '../classifier/vector-classifier';
import { NearestPhrases } from './nearest-phrases';
import { unpackArtifact } from './model-artifact';
import { EntityRecognizer } from '../ner/entity-recognizer';
import { TextFeaturizer } from './text-featurizer';
import { TrainedNluModel } from './trained-nlu-model';
import { buildTrainingSet } from './training-set';

/** `kernels: false` serves the model with the JS loops even where the classifier kernels are loaded. */
export function loadModel(artifact: NluModelArtifact, options: { kernels?: boolean } = {}): NluModel {
  const unpacked = unpackArtifact(artifact);
  const { definition, hyper } = unpacked;
  const recognizer = new EntityRecognizer(definition);
  const featurizer = new TextFeaturizer(definition.language, hyper, new FeatureVocabulary(unpacked.hashes));
  return new TrainedNluModel({
    definition,
    version: unpacked.version,
    hyper,
    featurizer,
    recognizer,
    classifier: new IntentClassifier(unpacked.shape, unpacked.weights, options),
    // Recomputed rather than stored: it follows from the definition, which the manifest holds.
    exactMatches: buildTrainingSet(definition, featurizer, recognizer).exactMatches,
    stats: unpacked.stats,
    trainSeconds: unpacked.trainSeconds,
    backend: unpacked.backend,
    encoder: unpacked.encoder,
    calibration: unpacked.calibration,
    ...(unpacked.vectorClassifier && unpacked.nearest
      ? { vectorClassifier: new VectorClassifier(unpacked.vectorClassifier), nearest: new NearestPhrases(unpacked.nearest, options) }
      : {}),
  });
}
