/**
 * The public contract of @parley/nlu: what the NLU service (and the CLI, and benchmarks) call.
 * Pure code: no I/O, no process.env. A trained model is plain data (an artifact) plus live tensors.
 */
import type { BotDefinition, IntentClassifierPrediction, JsonObject } from '@parley/domain';

export interface TrainProgressEvent {
  scope: string;
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
}

export interface TrainOptions {
  onProgress?: (event: TrainProgressEvent) => void;
  /** Aborting rejects training with ParleyError('CANCELED'). */
  signal?: AbortSignal;
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
  /** Concatenated float32 weights, described by the manifest. */
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
  /**
   * Classifies one text within a scope (default "*"). Throws ParleyError TEXT_EMPTY or SCOPE_NOT_FOUND.
   * `now` is the reference instant for relative datetimes (default: the current time).
   */
  predict(text: string, scope?: string, now?: Date): IntentClassifierPrediction;
  toArtifact(): NluModelArtifact;
  /** Frees tensors. The model must not be used afterwards. */
  dispose(): void;
}
