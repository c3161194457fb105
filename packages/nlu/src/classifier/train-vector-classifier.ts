/**
 * Trains the cosine classifier over encoder vectors: full-batch Adam on softmax cross-entropy, starting from each
 * intent's centroid (the nearest-centroid classifier, which the steps then sharpen). The gradient is written out
 * rather than taken by autodiff: through the row normalisation it is two matrix products, and on the wasm backend a
 * product with a transposed operand is several times slower than one with the transpose made once, up front.
 * Deterministic: no randomness, fixed shapes, one thread.
 */
import * as tf from '@tensorflow/tfjs-core';
import { throwIfAborted } from './train-classifier';
import { unitVector, type VectorClassifierWeights } from './vector-classifier';

export interface VectorTrainingOptions {
  epochs: number;
  learningRate: number;
  scale: number;
  signal?: AbortSignal;
}

/** `vectors[i]` is labelled `labels[i]`; every class in [0, classes) should have at least one vector. */
export async function trainVectorClassifier(
  vectors: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
  options: VectorTrainingOptions,
): Promise<VectorClassifierWeights> {
  const dimension = vectors[0]?.length ?? 0;
  const n = vectors.length;
  const units = new Float32Array(n * dimension);
  vectors.forEach((vector, i) => units.set(unitVector(vector), i * dimension));
  const centroids = new Float32Array(dimension * classes);
  labels.forEach((label, i) => {
    for (let k = 0; k < dimension; k++) centroids[k * classes + label]! += units[i * dimension + k]!;
  });
  const x = tf.tensor2d(units, [n, dimension]);
  const xT = tf.transpose(x);
  const oneHot = new Float32Array(n * classes);
  labels.forEach((label, i) => (oneHot[i * classes + label] = 1));
  const y = tf.tensor2d(oneHot, [n, classes]);
  const w = tf.variable(tf.add(tf.tensor2d(centroids, [dimension, classes]), 1e-6));
  const optimizer = tf.train.adam(options.learningRate);
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      if (epoch % 10 === 0) {
        throwIfAborted(options.signal);
        await new Promise(setImmediate);
      }
      const gradient = tf.tidy(() => {
        const norms = tf.norm(w, 'euclidean', 0, true);
        const unit = tf.div(w, norms);
        const probabilities = tf.softmax(tf.mul(tf.matMul(x, unit), options.scale));
        const dLogits = tf.mul(tf.sub(probabilities, y), options.scale / n);
        const dUnit = tf.matMul(xT, dLogits);
        const radial = tf.mul(unit, tf.sum(tf.mul(unit, dUnit), 0, true));
        return tf.div<tf.Tensor2D>(tf.sub(dUnit, radial), norms);
      });
      optimizer.applyGradients([{ name: w.name, tensor: gradient }]);
      gradient.dispose();
    }
    const rows = tf.tidy(() => tf.transpose(tf.div(w, tf.norm(w, 'euclidean', 0, true))));
    const data = (await rows.data()) as Float32Array;
    rows.dispose();
    return { classes, dimension, rows: new Float32Array(data), scale: options.scale };
  } finally {
    tf.dispose([x, xT, y, w]);
    optimizer.dispose();
  }
}
