/**
 * The public contract of @parley/nlu: what the NLU service (and the CLI, and benchmarks) call.
 * Pure code: no I/O, no process.env. A trained model is plain data (an artifact) plus typed arrays that serve it.
 */
import type { BotDefinition, EncoderChoice, IntentClassifierPrediction, JsonObject, TrainProgressEvent } from '@parley/domain';
import type { ClassifierEngine } from './classifier/intent-classifier';

/**
 * A pretrained sentence encoder (e.g. @parley/encoder's USE-lite): text → a fixed-length vector. Implementations run
 * off the caller's thread; a vector is a pure function of its text, whatever it is batched with.
 */
export interface SentenceEncoder {
  /** Names the weights, e.g. "use-lite+pooled@0.2.0": recorded in artifacts and model versions. */
  readonly identity: string;
  readonly dimension: number;
  /** One vector per text, in order. */
  encode(texts: readonly string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** What a model trained without an encoder records as its encoder. */
export const NO_ENCODER = 'none';

export interface TrainOptions {
  onProgress?: (event: TrainProgressEvent) => void;
  /** Aborting rejects training with ParleyError('CANCELED'). */
  signal?: AbortSignal;
  /** The encoder this process can run; whether a model uses it follows `config.encoder` (see encoderFor). */
  encoder?: SentenceEncoder;
}

/** How a model turns scores into a decision, chosen on its training phrases alone (see packages/nlu/README.md). */
export interface Calibration {
  /** The threshold the model answers with. */
  threshold: number;
  /** "definition": config.threshold; "cross-validation": picked on held-out training phrases; "default": too few to measure. */
  thresholdSource: 'definition' | 'cross-validation' | 'default';
  /** Weight of the n-gram bag's log-probabilities beside the encoder's classifiers (1 without an encoder). */
  fusionWeight: number;
  /** Weight of the nearest-phrase scores' log-probabilities (0 without an encoder); the vector classifier gets the rest. */
  nearestWeight: number;
  /** Scores are multiplied by familiarity^exponent (familiarity: cosine to the nearest training phrase); 0 = off. */
  familiarityExponent: number;
}

export interface ScopeStats {
  scope: string;
  intents: number;
  examples: number;
  trainAccuracy: number;
}

/** Everything needed to serve a model again without training: JSON manifest + binary weights. */
export interface NluModelArtifact {
  /** Definition, version, seed, vocabulary, hyper-parameters, metrics, format version. JSON-serialisable. */
  manifest: JsonObject;
  /** One little-endian byte block (feature hashes, int8 embedding rows and their scales, float32 output layer), laid out by the manifest. */
  weights: Uint8Array;
}

export interface NluModel {
  /** Hash of the definition (config and seed included): identical definitions have identical versions. */
  readonly version: string;
  readonly definition: BotDefinition;
  /** Scope names, the all-intents scope "*" first. */
  readonly scopes: readonly string[];
  readonly stats: readonly ScopeStats[];
  readonly trainSeconds: number;
  /** Approximate memory held by the model (weights + vocabulary), for the memory cap. */
  readonly sizeBytes: number;
  /** Where the classifier's arithmetic runs: the WebAssembly SIMD kernels (when loaded), or the JS loops. */
  readonly engine: ClassifierEngine;
  /** The sentence encoder the model was trained with (its identity), or NO_ENCODER. */
  readonly encoder: string;
  readonly calibration: Calibration;
  /** The text to hand the encoder for a user text (entities replaced by their names), for encoder models. */
  encoderText(text: string, now?: Date): string;
  /**
   * Classifies one text within a scope (default "*"). Throws ParleyError TEXT_EMPTY or SCOPE_NOT_FOUND.
   * `now` is the reference instant for relative datetimes (default: the current time). A model with an encoder
   * needs `vector`: the encoder's vector of encoderText(text, now).
   */
  predict(text: string, scope?: string, now?: Date, vector?: Float32Array): IntentClassifierPrediction;
  /** The intents of a scope, in definition order. Throws ParleyError SCOPE_NOT_FOUND. */
  intentsOf(scope: string): readonly string[];
  toArtifact(): NluModelArtifact;
}

/** The backend TensorFlow.js trains on: native tfjs-node, else wasm, else pure JS. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

// ---------- Evaluation (the Evaluate RPC and `parley eval`) ----------

export interface LabeledExample {
  text: string;
  intent: string;
}

export interface IntentMetrics {
  intent: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Confusion {
  expected: string;
  predicted: string;
  count: number;
}

export interface ThresholdPoint {
  threshold: number;
  inScopeAccuracy: number;
  /** null when there are no out-of-scope examples. */
  oosRecall: number | null;
}

export interface EvaluateModelOptions {
  /** Label of out-of-scope examples (they should get fallback_intent). Default "oos". */
  oosLabel?: string;
  /** Default "*". */
  scope?: string;
  /** Default: the model's own threshold (its calibration). */
  threshold?: number;
  /** Needed for a model with an encoder. */
  encoder?: SentenceEncoder;
}

export interface ModelEvaluation {
  /** In-scope examples whose best-ranked intent is right, threshold ignored. */
  top1Accuracy: number;
  /** In-scope examples answered with the right intent at `threshold`. */
  inScopeAccuracy: number;
  /** Out-of-scope examples answered with fallback_intent at `threshold`; null without such examples. */
  oosRecall: number | null;
  threshold: number;
  examples: number;
  predictP50Ms: number;
  predictP99Ms: number;
  perIntent: IntentMetrics[];
  /** Most frequent (expected, predicted) mismatches first. */
  confusions: Confusion[];
  thresholdSweep: ThresholdPoint[];
}

export interface EvaluateDatasetOptions {
  train: readonly LabeledExample[];
  test: readonly LabeledExample[];
  /** When given (and no threshold is), the threshold is picked on it. */
  val?: readonly LabeledExample[];
  oosLabel?: string;
  /** Fixed threshold; default: picked on val, else the model's own. */
  threshold?: number;
  /** config.encoder of the trained definition; default "auto". */
  encoderChoice?: EncoderChoice;
  /** The encoder this process can run. */
  encoder?: SentenceEncoder;
  seed?: number;
  language?: string;
  /** Classifier hyper-parameter overrides (definition.config.hyperParameters). */
  hyperParameters?: Record<string, number>;
}

/** The headline numbers, exactly these keys (what `parley eval --json` prints). */
export interface DatasetMetrics {
  top1Accuracy: number;
  inScopeAccuracy: number;
  oosRecall: number | null;
  threshold: number;
  trainSeconds: number;
  predictP50Ms: number;
  predictP99Ms: number;
  intents: number;
  trainExamples: number;
  testExamples: number;
  backend: BackendName;
  /** The encoder the model used, or "none". */
  encoder: string;
}

export interface DatasetEvaluation {
  metrics: DatasetMetrics;
  /** The model trained on `train`, for further evaluations (e.g. a perturbed test set). */
  model: NluModel;
  perIntent: IntentMetrics[];
  confusions: Confusion[];
  thresholdSweep: ThresholdPoint[];
}
