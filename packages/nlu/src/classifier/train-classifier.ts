/**
 * Trains an IntentClassifier with TensorFlow.js: seeded initialisation and shuffling, mini-batches, explicit
 * forward and backward passes (the embedding gradient is an UnsortedSegmentSum over the touched rows), lazy Adam.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ParleyError } from '@parley/domain';
import { Adam } from './adam';
import type { EncodedText } from './feature-vocabulary';
import { IntentClassifier, type ClassifierShape } from './intent-classifier';
import { SeededRandom } from './seeded-random';

export interface TrainingExample {
  text: EncodedText;
  label: number;
}

export interface ClassifierTrainingOptions {
  dimension: number;
  activation: ClassifierShape['activation'];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Share of the target mass spread over all classes: keeps scores calibrated for the threshold. */
  labelSmoothing: number;
  /** Probability of dropping each feature of a training example in a step (inverted dropout on the bag). */
  dropout: number;
  averageEpochs?: number;
  seed: number;
  signal?: AbortSignal;
  onEpoch?: (epoch: number, loss: number, accuracy: number) => void;
}

interface Batch {
  rows: Int32Array;
  local: Int32Array;
  segment: Int32Array;
  weight: Float32Array;
  labels: Int32Array;
}

export async function trainClassifier(
  examples: readonly TrainingExample[],
  features: number,
  classes: number,
  options: ClassifierTrainingOptions,
): Promise<{ classifier: IntentClassifier; lastEpochProbabilities: Float32Array }> {
  const shape: ClassifierShape = { features, dimension: options.dimension, classes, activation: options.activation };
  const random = new SeededRandom(options.seed);
  const weights = initialWeights(shape, random);
  const adams = [new Adam(weights.embedding, shape.dimension), new Adam(weights.output, classes), new Adam(weights.bias, classes)];
  const order = examples.map((_, i) => i);
  const totalSteps = options.epochs * Math.ceil(examples.length / options.batchSize);
  let step = 0;
  const averaged = { embedding: new Float32Array(weights.embedding.length), output: new Float32Array(weights.output.length), bias: new Float32Array(classes) };
  // Training accuracy per scope is read off the last epoch, saving a pass over the data.
  const lastEpochProbabilities = new Float32Array(examples.length * classes);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    random.shuffle(order);
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      throwIfAborted(options.signal);
      const indices = order.slice(start, start + options.batchSize);
      const batch = buildBatch(examples, indices, options.dropout, random);
      const result = forwardBackward(batch, shape, weights, options.labelSmoothing);
      if (epoch === options.epochs) indices.forEach((example, i) => lastEpochProbabilities.set(result.probs.subarray(i * classes, (i + 1) * classes), example * classes));
      // Linear decay to a tenth of the rate: big steps early, fine-tuning late.
      const rate = options.learningRate * (1 - (0.9 * step++) / totalSteps);
      adams[0]!.update(result.gradEmbedding, rate, batch.rows);
      adams[1]!.update(result.gradOutput, rate);
      adams[2]!.update(result.gradBias, rate);
      lossSum += result.loss;
      correct += result.correct;
    }
    if (epoch > options.epochs - (options.averageEpochs ?? 1)) accumulate(averaged, weights, options.averageEpochs ?? 1);
    options.onEpoch?.(epoch, lossSum / examples.length, correct / examples.length);
    await new Promise((resolve) => setImmediate(resolve)); // let abort signals and progress listeners run
  }
  throwIfAborted(options.signal);
  return { classifier: new IntentClassifier(shape, averaged), lastEpochProbabilities };
}

function accumulate(into: ReturnType<typeof initialWeights>, from: ReturnType<typeof initialWeights>, count: number): void {
  for (const key of ['embedding', 'output', 'bias'] as const) {
    const target = into[key];
    const source = from[key];
    for (let i = 0; i < target.length; i++) target[i]! += (source[i] as number) / count;
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ParleyError('CANCELED', 'training was canceled');
}

function initialWeights(shape: ClassifierShape, random: SeededRandom) {
  const embedding = new Float32Array(shape.features * shape.dimension);
  const output = new Float32Array(shape.dimension * shape.classes);
  const embeddingScale = 1 / Math.sqrt(shape.dimension);
  const outputScale = 1 / Math.sqrt(shape.dimension);
  for (let i = 0; i < embedding.length; i++) embedding[i] = random.normal() * embeddingScale * 0.1;
  for (let i = 0; i < output.length; i++) output[i] = random.normal() * outputScale;
  return { embedding, output, bias: new Float32Array(shape.classes) };
}

/** Renumbers the batch's feature rows densely, so tensors hold only the rows it touches. */
function buildBatch(examples: readonly TrainingExample[], indices: readonly number[], dropout: number, random: SeededRandom): Batch {
  const keep = 1 - dropout;
  const localOf = new Map<number, number>();
  const local: number[] = [];
  const segment: number[] = [];
  const weight: number[] = [];
  indices.forEach((exampleIndex, position) => {
    const { rows, weights } = (examples[exampleIndex] as TrainingExample).text;
    for (let i = 0; i < rows.length; i++) {
      if (dropout > 0 && random.next() < dropout) continue;
      const row = rows[i] as number;
      let id = localOf.get(row);
      if (id === undefined) localOf.set(row, (id = localOf.size));
      local.push(id);
      segment.push(position);
      weight.push((weights[i] as number) / keep);
    }
  });
  return {
    rows: Int32Array.from(localOf.keys()),
    local: Int32Array.from(local),
    segment: Int32Array.from(segment),
    weight: Float32Array.from(weight),
    labels: Int32Array.from(indices, (i) => (examples[i] as TrainingExample).label),
  };
}

/** The embedding bag in plain JS: for sparse rows it beats tensor ops by far (wasm's Gather copies slowly). */
function embeddingBag(batch: Batch, embedding: Float32Array, dimension: number): Float32Array {
  const hidden = new Float32Array(batch.labels.length * dimension);
  for (let i = 0; i < batch.local.length; i++) {
    const from = (batch.rows[batch.local[i] as number] as number) * dimension;
    const to = (batch.segment[i] as number) * dimension;
    const weight = batch.weight[i] as number;
    for (let d = 0; d < dimension; d++) hidden[to + d]! += weight * (embedding[from + d] as number);
  }
  return hidden;
}

/** The embedding gradient, one row per touched feature row (the transpose of the bag). */
function bagGradient(batch: Batch, gradHidden: Float32Array, dimension: number): Float32Array {
  const grad = new Float32Array(batch.rows.length * dimension);
  for (let i = 0; i < batch.local.length; i++) {
    const to = (batch.local[i] as number) * dimension;
    const from = (batch.segment[i] as number) * dimension;
    const weight = batch.weight[i] as number;
    for (let d = 0; d < dimension; d++) grad[to + d]! += weight * (gradHidden[from + d] as number);
  }
  return grad;
}

/**
 * Dense part on TensorFlow.js: linear layer, activation and loss gradients. Softmax with cross-entropy and sigmoid
 * with binary cross-entropy share the same logit gradient: (scores − targets) / batch size.
 */
function forwardBackward(batch: Batch, shape: ClassifierShape, weights: ReturnType<typeof initialWeights>, smoothing: number) {
  const { dimension, classes } = shape;
  const size = batch.labels.length;
  const hiddenValues = embeddingBag(batch, weights.embedding, dimension);
  // Transposed operands are built in JS: wasm's matMul with a transpose flag is several times slower.
  const tensors = tf.tidy(() => {
    const hidden = tf.tensor2d(hiddenValues, [size, dimension]);
    const output = tf.tensor2d(weights.output, [dimension, classes]);
    const hiddenT = tf.tensor2d(transpose(hiddenValues, size, dimension), [dimension, size]);
    const outputT = tf.tensor2d(transpose(weights.output, dimension, classes), [classes, dimension]);
    const logits = tf.add(tf.matMul(hidden, output), tf.tensor1d(weights.bias));
    const probs = shape.activation === 'sigmoid' ? tf.sigmoid(logits) : tf.softmax(logits);
    const targets = tf.tensor2d(smoothedTargets(batch.labels, classes, smoothing), [size, classes]);
    const gradLogits = tf.div(tf.sub(probs, targets), size);
    return [probs, tf.matMul(hiddenT, gradLogits), tf.sum(gradLogits, 0), tf.matMul(gradLogits, outputT)];
  });
  const [probs, gradOutput, gradBias, gradHidden] = tensors.map((t) => t.dataSync() as Float32Array);
  tf.dispose(tensors);
  return {
    ...scoreBatch(probs!, batch.labels, classes),
    probs: probs!,
    gradOutput: gradOutput!,
    gradBias: gradBias!,
    gradEmbedding: bagGradient(batch, gradHidden!, dimension),
  };
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

/** Summed cross-entropy and number of correct argmax predictions. */
function scoreBatch(probs: Float32Array, labels: Int32Array, classes: number): { loss: number; correct: number } {
  let loss = 0;
  let correct = 0;
  labels.forEach((label, i) => {
    const row = probs.subarray(i * classes, (i + 1) * classes);
    loss -= Math.log(Math.max(row[label] as number, 1e-12));
    let best = 0;
    for (let c = 1; c < classes; c++) if ((row[c] as number) > (row[best] as number)) best = c;
    if (best === label) correct++;
  });
  return { loss, correct };
}
