/**
 * The USE-lite graph on TensorFlow.js: a batch of token id sequences in, one 512-dimensional vector per sequence out.
 *
 * Its inputs are a sparse batch: `indices` [n, 2] int32 (row, position) and `values` [n] int32 (the piece ids).
 * Its output is `l2_normalize(tanh(pooled · W + b))`, where `pooled` is the mean of the transformer's outputs over
 * the sequence's positions (node KonaTransformer/div) and W [512, 512], b [512] are the weights of the last dense
 * layer (hidden_layers/tanh_layer_0). Either node can be read: `embedding` (the output) or `pooled` (its input).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { UseLiteGraphFiles } from './use-lite-package';

export const DIMENSION = 512;

const GRAPH_PREFIX = 'module_apply_default/Encoder_en/';
/** Which node a batch reads: the sentence vector, or the mean-pooled transformer output beneath the last layer. */
export type GraphOutput = 'embedding' | 'pooled';
const OUTPUT_NODES: Record<GraphOutput, string> = {
  embedding: `${GRAPH_PREFIX}hidden_layers/l2_normalize`,
  pooled: `${GRAPH_PREFIX}KonaTransformer/div`,
};
/** The last dense layer's weights, as model.json names them. */
export const TOP_LAYER_WEIGHTS = 'module/Encoder_en/hidden_layers/tanh_layer_0/weights';
export const TOP_LAYER_BIAS = 'module/Encoder_en/hidden_layers/tanh_layer_0/bias';
export const TOP_LAYER_EPSILON = `${GRAPH_PREFIX}hidden_layers/l2_normalize/Maximum/y`;

export async function loadUseLiteGraph(files: UseLiteGraphFiles): Promise<GraphModel> {
  return loadGraphModel(
    tf.io.fromMemory({ modelTopology: files.modelTopology, weightSpecs: files.weightSpecs, weightData: files.weightData }),
  );
}

/**
 * A row of one piece (id 6, '.', the first after the reserved symbols), added to a batch of empty sequences only:
 * the graph needs at least one piece per batch. Its vector is dropped.
 */
const FILLER = Int32Array.of(6);

/**
 * Runs one batch of token id sequences; the result holds their vectors one after another (sequences.length ×
 * DIMENSION floats). An empty sequence (the empty text) gets the vector of a row of padding only: mean-pooled to 0.
 */
export async function runUseLiteGraph(graph: GraphModel, batch: readonly Int32Array[], output: GraphOutput): Promise<Float32Array> {
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
    const result = (await graph.executeAsync(inputs, OUTPUT_NODES[output])) as tf.Tensor;
    try {
      const vectors = (await result.data()) as Float32Array;
      return sequences === batch ? vectors : vectors.subarray(0, batch.length * DIMENSION);
    } finally {
      result.dispose();
    }
  } finally {
    inputs.indices.dispose();
    inputs.values.dispose();
  }
}
