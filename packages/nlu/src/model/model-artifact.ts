/**
 * Model ↔ artifact: a JSON manifest (definition, version, seed, feature and classifier parameters, metrics, the
 * byte layout of the weights) plus one little-endian byte block holding the feature hashes and float32 weights.
 */
import { ParleyError, type BotDefinition, type JsonObject } from '@parley/domain';
import type { NluModelArtifact, ScopeStats } from '../api';
import type { ClassifierShape, ClassifierWeights } from '../classifier/intent-classifier';
import type { HyperParameters } from './hyper-parameters';
import { MODEL_FORMAT } from './model-version';
import type { TrainedNluModel } from './trained-nlu-model';

export interface UnpackedArtifact {
  definition: BotDefinition;
  version: string;
  hyper: HyperParameters;
  hashes: Uint32Array;
  shape: ClassifierShape;
  weights: ClassifierWeights;
  stats: ScopeStats[];
  trainSeconds: number;
  backend: string;
}

const BLOCKS = ['hashes', 'embedding', 'output', 'bias'] as const;

export function packArtifact(model: TrainedNluModel): NluModelArtifact {
  const { parts } = model;
  const { weights, shape } = parts.classifier;
  const arrays = [parts.encoder.vocabulary.hashes, weights.embedding, weights.output, weights.bias];
  const bytes = new Uint8Array(arrays.reduce((sum, a) => sum + a.byteLength, 0));
  const layout: JsonObject[] = [];
  let offset = 0;
  arrays.forEach((array, i) => {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    layout.push({ name: BLOCKS[i]!, dtype: i === 0 ? 'uint32' : 'float32', offset, length: array.length });
    offset += array.byteLength;
  });
  const manifest = {
    format: MODEL_FORMAT,
    version: parts.version,
    definition: parts.definition,
    seed: parts.definition.config.seed,
    hyperParameters: parts.hyper,
    vocabulary: { hashing: 'fnv1a-32', features: shape.features },
    classifier: shape,
    metrics: { stats: parts.stats, trainSeconds: parts.trainSeconds, backend: parts.backend },
    layout,
  };
  return { manifest: JSON.parse(JSON.stringify(manifest)) as JsonObject, weights: bytes };
}

export function unpackArtifact(artifact: NluModelArtifact): UnpackedArtifact {
  const manifest = artifact.manifest as unknown as Manifest;
  if (manifest.format !== MODEL_FORMAT) {
    throw new ParleyError('INVALID_ARGUMENT', `artifact format "${String(manifest.format)}" is not ${MODEL_FORMAT}`, { field: 'manifest.format' });
  }
  const blocks = new Map(manifest.layout.map((block) => [block.name, readBlock(artifact.weights, block)]));
  const block = (name: (typeof BLOCKS)[number]) => {
    const found = blocks.get(name);
    if (found === undefined) throw new ParleyError('INVALID_ARGUMENT', `artifact weights lack block "${name}"`, { field: 'manifest.layout' });
    return found;
  };
  return {
    definition: manifest.definition,
    version: manifest.version,
    hyper: manifest.hyperParameters,
    hashes: block('hashes') as Uint32Array,
    shape: manifest.classifier,
    weights: { embedding: block('embedding') as Float32Array, output: block('output') as Float32Array, bias: block('bias') as Float32Array },
    stats: manifest.metrics.stats,
    trainSeconds: manifest.metrics.trainSeconds,
    backend: manifest.metrics.backend,
  };
}

interface LayoutBlock {
  name: string;
  dtype: 'uint32' | 'float32';
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
}

/** Copies, so the arrays are aligned whatever the byte offset of the input (e.g. a pooled Buffer). */
function readBlock(bytes: Uint8Array, block: LayoutBlock): Uint32Array | Float32Array {
  const end = block.offset + block.length * 4;
  if (end > bytes.byteLength) throw new ParleyError('INVALID_ARGUMENT', `artifact weights are truncated at block "${block.name}"`, { field: 'weights' });
  const copy = bytes.slice(block.offset, end);
  return block.dtype === 'uint32' ? new Uint32Array(copy.buffer) : new Float32Array(copy.buffer);
}
