/**
 * Model ↔ artifact: a JSON manifest (definition, version, seed, feature and classifier parameters, metrics, the
 * byte layout of the weights) plus one little-endian byte block: the feature hashes (uint32), then the
 * classifier's embedding (int8 values and their float32 row scales), output and bias (float32).
 */
import { ParleyError, type BotDefinition, type JsonObject } from '@parley/domain';
import type { NluModelArtifact, ScopeStats } from '../api';
import type { ClassifierShape, ServedWeights } from '../classifier/intent-classifier';
import type { HyperParameters } from './hyper-parameters';
import { MODEL_FORMAT } from './model-version';
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
}

type BlockArray = Uint32Array | Float32Array | Int8Array;

interface LayoutBlock {
  name: string;
  dtype: 'uint32' | 'float32' | 'int8';
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

export function packArtifact(model: TrainedNluModel): NluModelArtifact {
  const { parts } = model;
  const { shape, weights } = parts.classifier;
  const blocks: Array<[string, BlockArray]> = [
    ['hashes', parts.encoder.vocabulary.hashes],
    ['embedding', weights.embedding.values],
    ['embeddingScales', weights.embedding.scales],
    ['output', weights.output],
    ['bias', weights.bias],
  ];
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
  };
  const vocabulary = { hashing: 'fnv1a-32', features: parts.encoder.vocabulary.size };
  return {
    manifest: JSON.parse(JSON.stringify({ ...manifest, seed: parts.definition.config.seed, vocabulary })) as JsonObject,
    weights: bytes,
  };
}

export function unpackArtifact(artifact: NluModelArtifact): UnpackedArtifact {
  const manifest = artifact.manifest as unknown as Manifest;
  if (manifest.format !== MODEL_FORMAT) {
    throw new ParleyError('INVALID_ARGUMENT', `manifest.format "${String(manifest.format)}" is not ${MODEL_FORMAT}`, {
      field: 'manifest.format',
    });
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
  };
}

/** Copies, so the arrays are aligned whatever the byte offset of the input (e.g. a pooled Buffer). */
function readBlock(bytes: Uint8Array, block: LayoutBlock): BlockArray {
  const end = block.offset + block.length * (block.dtype === 'int8' ? 1 : 4);
  if (end > bytes.byteLength)
    throw new ParleyError('INVALID_ARGUMENT', `weights are truncated at block "${block.name}"`, { field: 'weights' });
  const copy = bytes.slice(block.offset, end);
  if (block.dtype === 'int8') return new Int8Array(copy.buffer);
  return block.dtype === 'uint32' ? new Uint32Array(copy.buffer) : new Float32Array(copy.buffer);
}

function dtypeOf(array: BlockArray): LayoutBlock['dtype'] {
  if (array instanceof Int8Array) return 'int8';
  return array instanceof Uint32Array ? 'uint32' : 'float32';
}
