/**
 * Model ↔ artifact: a JSON manifest (definition, version, seed, feature and classifier parameters, metrics, the
 * byte layout of the weights) plus one little-endian byte block: the feature hashes (uint32), then the
 * classifier's embedding (int8 values and their float32 row scales), output and bias (float32); with an encoder, the
 * vector classifier's rows (float32) and the training phrases' vectors (int32 labels, int8 values, float32 scales).
 * Format 2 (before encoders) still loads: no encoder, the definition's threshold.
 */
import { ParleyError, type BotDefinition, type JsonObject } from '@parley/domain';
import { NO_ENCODER, type Calibration, type NluModelArtifact, type ScopeStats } from '../api';
import type { ClassifierShape, ServedWeights } from '../classifier/intent-classifier';
import type { VectorClassifierWeights } from '../classifier/vector-classifier';
import { fixedCalibration } from './calibration';
import type { HyperParameters } from './hyper-parameters';
import { MODEL_FORMAT, PREVIOUS_MODEL_FORMAT } from './model-version';
import type { NearestPhrasesData } from './nearest-phrases';
import type { TrainedNluModel } from './trained-nlu-model';

export interface UnpackedArtifact {
  definition: BotDefinition;
  version: string;
  hyper: HyperParameters;
  hashes: Uint32Array;
  shape: ClassifierShape;
  weights: ServedWeights;
  stats: ScopeStats[];
  trainSeconds: number;
  backend: string;
  encoder: string;
  calibration: Calibration;
  vectorClassifier?: VectorClassifierWeights;
  nearest?: NearestPhrasesData;
}

type BlockArray = Uint32Array | Int32Array | Float32Array | Int8Array;

interface LayoutBlock {
  name: string;
  dtype: 'uint32' | 'int32' | 'float32' | 'int8';
  offset: number;
  length: number;
}

interface Manifest {
  format: string;
  version: string;
  definition: BotDefinition;
  hyperParameters: HyperParameters;
  classifier: ClassifierShape;
  metrics: { stats: ScopeStats[]; trainSeconds: number; backend: string };
  layout: LayoutBlock[];
  /** Format 3: the encoder's identity (or "none"), the calibration and, with an encoder, the vector classifier's shape. */
  encoder?: string;
  calibration?: Calibration;
  vectorClassifier?: { classes: number; dimension: number; scale: number };
}

export function packArtifact(model: TrainedNluModel): NluModelArtifact {
  const { parts } = model;
  const { shape, weights } = parts.classifier;
  const blocks: Array<[string, BlockArray]> = [
    ['hashes', parts.featurizer.vocabulary.hashes],
    ['embedding', weights.embedding.values],
    ['embeddingScales', weights.embedding.scales],
    ['output', weights.output],
    ['bias', weights.bias],
  ];
  const { vectorClassifier, nearest } = parts;
  if (vectorClassifier !== undefined && nearest !== undefined) {
    blocks.push(
      ['vectorRows', vectorClassifier.weights.rows],
      ['nearestLabels', nearest.data.labels],
      ['nearestValues', nearest.data.rows.values],
      ['nearestScales', nearest.data.rows.scales],
    );
  }
  const bytes = new Uint8Array(blocks.reduce((sum, [, array]) => sum + array.byteLength, 0));
  const layout: LayoutBlock[] = [];
  let offset = 0;
  for (const [name, array] of blocks) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    layout.push({ name, dtype: dtypeOf(array), offset, length: array.length });
    offset += array.byteLength;
  }
  const manifest: Manifest = {
    format: MODEL_FORMAT,
    version: parts.version,
    definition: parts.definition,
    hyperParameters: parts.hyper,
    classifier: shape,
    metrics: { stats: parts.stats, trainSeconds: parts.trainSeconds, backend: parts.backend },
    layout,
    encoder: parts.encoder,
    calibration: parts.calibration,
    ...(vectorClassifier === undefined
      ? {}
      : {
          vectorClassifier: {
            classes: vectorClassifier.weights.classes,
            dimension: vectorClassifier.weights.dimension,
            scale: vectorClassifier.weights.scale,
          },
        }),
  };
  const vocabulary = { hashing: 'fnv1a-32', features: parts.featurizer.vocabulary.size };
  return {
    manifest: JSON.parse(JSON.stringify({ ...manifest, seed: parts.definition.config.seed, vocabulary })) as JsonObject,
    weights: bytes,
  };
}

export function unpackArtifact(artifact: NluModelArtifact): UnpackedArtifact {
  const manifest = artifact.manifest as unknown as Manifest;
  if (manifest.format !== MODEL_FORMAT && manifest.format !== PREVIOUS_MODEL_FORMAT) {
    throw new ParleyError(
      'INVALID_ARGUMENT',
      `manifest.format "${String(manifest.format)}" is not ${MODEL_FORMAT} or ${PREVIOUS_MODEL_FORMAT}`,
      {
        field: 'manifest.format',
      },
    );
  }
  const layout = new Map((manifest.layout ?? []).map((block) => [block.name, block]));
  const block = (name: string) => {
    const found = layout.get(name);
    if (found === undefined)
      throw new ParleyError('INVALID_ARGUMENT', `manifest.layout lacks block "${name}"`, { field: 'manifest.layout' });
    return readBlock(artifact.weights, found);
  };
  return {
    definition: manifest.definition,
    version: manifest.version,
    hyper: manifest.hyperParameters,
    hashes: block('hashes') as Uint32Array,
    shape: manifest.classifier,
    weights: {
      embedding: { values: block('embedding') as Int8Array, scales: block('embeddingScales') as Float32Array },
      output: block('output') as Float32Array,
      bias: block('bias') as Float32Array,
    },
    stats: manifest.metrics.stats,
    trainSeconds: manifest.metrics.trainSeconds,
    backend: manifest.metrics.backend,
    encoder: manifest.encoder ?? NO_ENCODER,
    calibration: manifest.calibration ?? fixedCalibration(manifest.definition.config.threshold),
    ...(manifest.vectorClassifier === undefined
      ? {}
      : {
          vectorClassifier: { ...manifest.vectorClassifier, rows: block('vectorRows') as Float32Array },
          nearest: {
            dimension: manifest.vectorClassifier.dimension,
            labels: block('nearestLabels') as Int32Array,
            rows: { values: block('nearestValues') as Int8Array, scales: block('nearestScales') as Float32Array },
          },
        }),
  };
}

/** Copies, so the arrays are aligned whatever the byte offset of the input (e.g. a pooled Buffer). */
function readBlock(bytes: Uint8Array, block: LayoutBlock): BlockArray {
  const end = block.offset + block.length * (block.dtype === 'int8' ? 1 : 4);
  if (end > bytes.byteLength)
    throw new ParleyError('INVALID_ARGUMENT', `weights are truncated at block "${block.name}"`, { field: 'weights' });
  const copy = bytes.slice(block.offset, end);
  if (block.dtype === 'int8') return new Int8Array(copy.buffer);
  if (block.dtype === 'int32') return new Int32Array(copy.buffer);
  return block.dtype === 'uint32' ? new Uint32Array(copy.buffer) : new Float32Array(copy.buffer);
}

function dtypeOf(array: BlockArray): LayoutBlock['dtype'] {
  if (array instanceof Int8Array) return 'int8';
  if (array instanceof Int32Array) return 'int32';
  return array instanceof Uint32Array ? 'uint32' : 'float32';
}
