/**
 * The USE-lite graph on TensorFlow.js: a batch of token id sequences in, one sentence vector per sequence out.
 *
 * Its inputs are a sparse batch: `indices` [n, 2] int32 (row, position) and `values` [n] int32 (the piece ids).
 * Two of its nodes are read, each 512 floats a sequence: the graph's output, USE's embedding
 * `l2_normalize(tanh(pooled · W + b))`, and `pooled` beneath it, the mean of the transformer's outputs over the
 * sequence's positions (node KonaTransformer/div). Parley's sentence vector is both, each of length 1, side by side
 * and scaled to length 1: [embedding ; pooled / |pooled|] / √2. The NLU tells intents apart better over both than
 * over the embedding alone (`node bench/nlu/few-shot.mjs --vector embedding` compares; figures in ../README.md).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { UseLiteGraphFiles } from './use-lite-package';

/** The width of each node read. */
export const NODE_DIMENSION = 512;
/** The sentence vector's length: the two nodes side by side. */
export const DIMENSION = 2 * NODE_DIMENSION;

const GRAPH_PREFIX = 'module_apply_default/Encoder_en/';
const OUTPUT_NODES = [`${GRAPH_PREFIX}hidden_layers/l2_normalize`, `${GRAPH_PREFIX}KonaTransformer/div`];

export async function loadUseLiteGraph(files: UseLiteGraphFiles): Promise<GraphModel> {
  const graph = await loadGraphModel(
    tf.io.fromMemory({ modelTopology: files.modelTopology, weightSpecs: files.weightSpecs, weightData: files.weightData }),
  );
  // A GraphModel keeps the artifacts it loaded from, for save(), which Parley never calls. Its weights are in the
  // backend's memory by now: dropping the shards' bytes saves ~27 MB per graph thread (measured RSS).
  const loaded = graph as unknown as { artifacts?: { weightData?: unknown } };
  if (loaded.artifacts !== undefined) delete loaded.artifacts.weightData;
  return graph;
}

/**
 * A row of one piece (id 6, '.', the first after the reserved symbols), added to a batch of empty sequences only:
 * the graph needs at least one piece per batch. Its vector is dropped.
 */
const FILLER = Int32Array.of(6);

/**
 * Runs one batch of token id sequences; the result holds their sentence vectors one after another
 * (sequences.length × DIMENSION floats). An empty sequence (the empty text) gets the vector of a row of padding only.
 */
export async function runUseLiteGraph(graph: GraphModel, batch: readonly Int32Array[]): Promise<Float32Array> {
  const sequences = batch.every((ids) => ids.length === 0) ? [...batch, FILLER] : batch;
  const total = sequences.reduce((sum, ids) => sum + ids.length, 0);
  const indices = new Int32Array(total * 2);
  const values = new Int32Array(total);
  let at = 0;
  sequences.forEach((ids, row) => {
    ids.forEach((id, position) => {
      indices[at * 2] = row;
      indices[at * 2 + 1] = position;
      values[at] = id;
      at++;
    });
  });
  const inputs = { indices: tf.tensor2d(indices, [total, 2], 'int32'), values: tf.tensor1d(values, 'int32') };
  try {
    const outputs = (await graph.executeAsync(inputs, OUTPUT_NODES)) as tf.Tensor[];
    try {
      const [embeddings, pooled] = (await Promise.all(outputs.map((output) => output.data()))) as Float32Array[];
      return sentenceVectors(embeddings!, pooled!, batch.length);
    } finally {
      for (const output of outputs) output.dispose();
    }
  } finally {
    inputs.indices.dispose();
    inputs.values.dispose();
  }
}

/** Per sequence: [embedding ; pooled / |pooled|] / √2. */
function sentenceVectors(embeddings: Float32Array, pooled: Float32Array, count: number): Float32Array {
  const vectors = new Float32Array(count * DIMENSION);
  for (let row = 0; row < count; row++) {
    const from = row * NODE_DIMENSION;
    let squares = 0;
    for (let k = from; k < from + NODE_DIMENSION; k++) squares += pooled[k]! * pooled[k]!;
    // The empty text's pooled output is all zeros: its vector is the embedding alone, still of length 1.
    const pooledScale = squares > 0 ? Math.SQRT1_2 / Math.sqrt(squares) : 0;
    const embeddingScale = pooledScale === 0 ? 1 : Math.SQRT1_2;
    const to = row * DIMENSION;
    for (let k = 0; k < NODE_DIMENSION; k++) {
      vectors[to + k] = embeddings[from + k]! * embeddingScale;
      vectors[to + NODE_DIMENSION + k] = pooledScale === 0 ? 0 : pooled[from + k]! * pooledScale;
    }
  }
  return vectors;
}
