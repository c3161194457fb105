/**
 * Trains a model from a bot definition: NER placeholders in the training sentences, the n-gram bag (one seeded
 * classifier ensemble over all intents, served per scope by restriction) and, when the definition uses one
 * (encoder-choice.ts), a classifier over the sentence encoder's vectors; then the calibration, chosen by
 * cross-validation on the training phrases (calibration.ts), and per-scope statistics.
 */
import { performance } from 'node:perf_hooks';
import { ParleyError, type BotDefinition } from '@parley/domain';
import { NO_ENCODER, type NluModel, type SentenceEncoder, type TrainOptions } from '../api';
import { initBackend } from '../backend/init-backend';
import { throwIfAborted } from '../classifier/train-classifier';
import { trainVectorClassifier } from '../classifier/train-vector-classifier';
import { VectorClassifier } from '../classifier/vector-classifier';
import { EntityRecognizer } from '../ner/entity-recognizer';
import { trainBag } from './bag-training';
import { calibrate, fixedCalibration } from './calibration';
import { crossValidate, vectorOptions, type TrainingVectors } from './cross-validation';
import { encoderFor } from './encoder-choice';
import { intentPhrase } from './encoder-input';
import { resolveHyperParameters } from './hyper-parameters';
import { modelVersionOf } from './model-version';
import { NearestPhrases } from './nearest-phrases';
import { scopeIntentIndices } from './scope-intents';
import { scopeStats } from './scope-stats';
import { TextFeaturizer } from './text-featurizer';
import { TrainedNluModel } from './trained-nlu-model';
import { buildTrainingSet, type TrainingSet } from './training-set';

export async function trainModel(definition: BotDefinition, options: TrainOptions = {}): Promise<NluModel> {
  const started = performance.now();
  throwIfAborted(options.signal);
  const hyper = resolveHyperParameters(definition.config.hyperParameters);
  const encoder = encoderFor(definition, options.encoder);
  const scopes = scopeIntentIndices(definition);
  const backend = await initBackend();
  // The only wait before the training steps (which check the signal): loading the backend can take a while.
  throwIfAborted(options.signal);
  const recognizer = new EntityRecognizer(definition);
  const set = buildTrainingSet(definition, new TextFeaturizer(definition.language, hyper), recognizer);
  if (set.labels.length === 0) {
    throw new ParleyError('INVALID_DEFINITION', 'intents have no training sentences with words', { field: 'intents' });
  }
  // The encoder runs on its own threads: its vectors come while the bags train (the model's, then each fold's).
  const encoding = encoder === undefined ? undefined : encodeTrainingSet(encoder, definition, set);
  encoding?.catch(() => undefined);
  const featurizer = new TextFeaturizer(definition.language, hyper);
  const phrases =
    encoder !== undefined && hyper.intentPhrases > 0
      ? definition.intents.map((intent) => featurizer.features(featurizer.process(intentPhrase(intent))))
      : [];
  const bag = await trainBag(
    definition,
    hyper,
    [...set.features, ...phrases],
    [...set.labels, ...phrases.map((_, intent) => intent)],
    options,
  );
  const crossValidated = (encoder !== undefined || definition.config.threshold === undefined) && hyper.folds > 1;
  const heldOut = crossValidated
    ? await crossValidate(
        { definition, hyper, features: set.features, labels: set.labels, ...(encoding ? { vectors: encoding } : {}) },
        options.signal ? { signal: options.signal } : {},
      )
    : undefined;
  const vectors = await encoding;
  throwIfAborted(options.signal);
  const vectorClassifier =
    vectors === undefined
      ? undefined
      : new VectorClassifier(
          await trainVectorClassifier(
            [...vectors.examples, ...vectors.phrases],
            [...set.labels, ...vectors.phrases.map((_, intent) => intent)],
            definition.intents.length,
            vectorOptions(hyper, options.signal),
          ),
        );
  const calibration =
    heldOut === undefined
      ? fixedCalibration(definition.config.threshold)
      : calibrate(heldOut, { threshold: definition.config.threshold, familiarity: hyper.familiarity > 0, nearestScale: hyper.vectorScale });
  const encoderIdentity = encoder?.identity ?? NO_ENCODER;
  return new TrainedNluModel({
    definition,
    version: modelVersionOf(definition, encoderIdentity),
    hyper,
    featurizer: bag.featurizer,
    recognizer,
    classifier: bag.classifier,
    exactMatches: set.exactMatches,
    stats: scopeStats(scopes, set.labels, bag.lastEpochProbabilities),
    trainSeconds: (performance.now() - started) / 1000,
    backend,
    encoder: encoderIdentity,
    calibration,
    ...(vectorClassifier && vectors ? { vectorClassifier, nearest: NearestPhrases.fromVectors(vectors.examples, set.labels) } : {}),
  });
}

async function encodeTrainingSet(encoder: SentenceEncoder, definition: BotDefinition, set: TrainingSet): Promise<TrainingVectors> {
  const phrases = definition.intents.map(intentPhrase);
  const all = await encoder.encode([...set.encoderTexts, ...phrases]);
  return { examples: all.slice(0, set.encoderTexts.length), phrases: all.slice(set.encoderTexts.length) };
}
