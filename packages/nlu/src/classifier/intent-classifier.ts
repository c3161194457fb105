/**
 * A trained embedding-bag classifier as plain Float32Arrays: the weighted sum of the text's feature embeddings,
 * then a linear layer and a softmax over the intents. Prediction runs in plain JS (no tensors, no backend call),
 * so one classification costs microseconds.
 */
import type { EncodedText } from './feature-vocabulary';

export interface ClassifierShape {
  features: number;
  dimension: number;
  classes: number;
  /** softmax: scores sum to 1. sigmoid: one independent score per class (one-vs-rest), as in BBF. */
  activation: 'softmax' | 'sigmoid';
}

export interface ClassifierWeights {
  /** features × dimension, row-major. */
  embedding: Float32Array;
  /** dimension × classes, row-major. */
  output: Float32Array;
  bias: Float32Array;
}

export class IntentClassifier {
  constructor(
    readonly shape: ClassifierShape,
    readonly weights: ClassifierWeights,
  ) {
    const { features, dimension, classes } = shape;
    if (weights.embedding.length !== features * dimension) throw new Error('embedding size does not match the shape');
    if (weights.output.length !== dimension * classes) throw new Error('output size does not match the shape');
    if (weights.bias.length !== classes) throw new Error('bias size does not match the shape');
  }

  /** Softmax probabilities over all classes. */
  probabilities(text: EncodedText): Float32Array {
    const { dimension, classes } = this.shape;
    const { embedding, output, bias } = this.weights;
    const hidden = new Float32Array(dimension);
    for (let i = 0; i < text.rows.length; i++) {
      const offset = (text.rows[i] as number) * dimension;
      const weight = text.weights[i] as number;
      for (let d = 0; d < dimension; d++) hidden[d]! += weight * (embedding[offset + d] as number);
    }
    const logits = Float32Array.from(bias);
    for (let d = 0; d < dimension; d++) {
      const h = hidden[d] as number;
      const row = d * classes;
      for (let c = 0; c < classes; c++) logits[c]! += h * (output[row + c] as number);
    }
    return this.shape.activation === 'sigmoid' ? sigmoidInPlace(logits) : softmaxInPlace(logits);
  }
}

function sigmoidInPlace(logits: Float32Array): Float32Array {
  for (let c = 0; c < logits.length; c++) logits[c] = 1 / (1 + Math.exp(-(logits[c] as number)));
  return logits;
}

function softmaxInPlace(logits: Float32Array): Float32Array {
  let max = -Infinity;
  for (const value of logits) if (value > max) max = value;
  let total = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp((logits[c] as number) - max);
    logits[c] = e;
    total += e;
  }
  for (let c = 0; c < logits.length; c++) logits[c]! /= total;
  return logits;
}
