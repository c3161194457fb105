/**
 * The dense part of a training step, on TensorFlow.js: linear layer, activation, loss and their gradients,
 * written out (tfjs-core's node bundle registers no gradient functions). Softmax with cross-entropy and sigmoid
 * with binary cross-entropy share one logit gradient: (scores − targets) / batch size.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ClassifierShape } from './intent-classifier';

export interface DenseStepResult {
  /** size × classes scores. */
  probs: Float32Array;
  gradOutput: Float32Array;
  gradBias: Float32Array;
  /** size × dimension: flows back into the embedding bag. */
  gradHidden: Float32Array;
}

export function denseStep(
  hidden: Float32Array,
  labels: Int32Array,
  shape: ClassifierShape,
  weights: { output: Float32Array; bias: Float32Array },
  smoothing: number,
): DenseStepResult {
  const { dimension, classes } = shape;
  const size = labels.length;
  // Transposed operands are built in JS: wasm's matMul with a transpose flag is several times slower.
  const tensors = tf.tidy(() => {
    const logits = tf.add(
      tf.matMul(tf.tensor2d(hidden, [size, dimension]), tf.tensor2d(weights.output, [dimension, classes])),
      tf.tensor1d(weights.bias),
    );
    const probs = shape.activation === 'sigmoid' ? tf.sigmoid(logits) : tf.softmax(logits);
    const gradLogits = tf.div(tf.sub(probs, tf.tensor2d(smoothedTargets(labels, classes, smoothing), [size, classes])), size);
    const hiddenT = tf.tensor2d(transpose(hidden, size, dimension), [dimension, size]);
    const outputT = tf.tensor2d(transpose(weights.output, dimension, classes), [classes, dimension]);
    return [probs, tf.matMul(hiddenT, gradLogits), tf.sum(gradLogits, 0), tf.matMul(gradLogits, outputT)];
  });
  const [probs, gradOutput, gradBias, gradHidden] = tensors.map((t) => t.dataSync() as Float32Array);
  tf.dispose(tensors);
  return { probs: probs!, gradOutput: gradOutput!, gradBias: gradBias!, gradHidden: gradHidden! };
}

/** One-hot rows with `smoothing` of the mass spread evenly (wasm's OneHot keeps only integer on/off values). */
function smoothedTargets(labels: Int32Array, classes: number, smoothing: number): Float32Array {
  const targets = new Float32Array(labels.length * classes).fill(smoothing / classes);
  labels.forEach((label, i) => (targets[i * classes + label]! += 1 - smoothing));
  return targets;
}

function transpose(values: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c] as number;
  return out;
}
