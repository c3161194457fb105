/**
 * The last dense layer of USE-lite, read from its weight shards, for a head trained on the pooled vectors
 * (encodePooled). The encoder's output is, for a pooled vector p (length 512):
 *
 *   h[j] = tanh(b[j] + Σ_i p[i] · W[i][j])          W row-major [in = 512, out = 512]
 *   embedding = h / sqrt(max(Σ_j h[j]², 1e-12))     (the graph's l2_normalize; the epsilon is read from the graph)
 */
import { readGraphFiles, type UseLiteGraphFiles } from './use-lite-package';
import { TOP_LAYER_BIAS, TOP_LAYER_EPSILON, TOP_LAYER_WEIGHTS } from './use-lite-graph';

export interface TopLayer {
  /** Row-major [inputDimension, bias.length]. */
  weights: Float32Array;
  bias: Float32Array;
  inputDimension: number;
  /** The l2 normalisation's floor on the squared norm. */
  epsilon: number;
}

export function readTopLayer(directory: string): TopLayer {
  const files = readGraphFiles(directory);
  const weights = weightOf(files, TOP_LAYER_WEIGHTS);
  const bias = weightOf(files, TOP_LAYER_BIAS);
  const epsilon = weightOf(files, TOP_LAYER_EPSILON)[0]!;
  return { weights, bias, inputDimension: weights.length / bias.length, epsilon };
}

/** A float32 weight's values: the weights lie in the shards one after another, in the manifest's order. */
function weightOf(files: UseLiteGraphFiles, name: string): Float32Array {
  let offset = 0;
  for (const spec of files.weightSpecs) {
    const count = spec.shape.reduce((product, size) => product * size, 1);
    if (spec.name === name) {
      if (spec.dtype !== 'float32') throw new Error(`weight ${name} is ${spec.dtype}, not float32`);
      return new Float32Array(files.weightData.slice(offset, offset + count * 4));
    }
    // Every weight of this graph is 4 bytes a value (float32 or int32).
    offset += count * 4;
  }
  throw new Error(`weight ${name} not found in the USE-lite graph`);
}
