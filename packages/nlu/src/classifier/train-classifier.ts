/**
 * Trains one classifier's weights: seeded initialisation and shuffling, mini-batches (sparse embedding bag in JS,
 * dense layer on TensorFlow.js), lazy Adam with a linearly decaying rate, and the weights averaged over the last
 * epochs. Same examples + options → bit-identical weights.
 */
import { ParleyError } from '@parley/domain';
import { Adam } from './adam';
import { denseStep } from './dense-step';
import { EmbeddingBatch, type TrainingExample } from './embedding-batch';
import type { ClassifierShape, ClassifierWeights } from './intent-classifier';
import { SeededRandom } from './seeded-random';

export interface ClassifierTrainingOptions {
  dimension: number;
  activation: ClassifierShape['activation'];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Share of the target mass spread over all classes: keeps scores calibrated for the threshold. */
  labelSmoothing: number;
  /** Probability of dropping each feature of a training example in a step. */
  dropout: number;
  /** The weights after each of the last N epochs are averaged (1 = the final weights). */
  averageEpochs: number;
  seed: number;
  signal?: AbortSignal;
  onEpoch?: (epoch: number, loss: number, accuracy: number) => void;
}

export interface TrainedClassifier {
  shape: ClassifierShape;
  /** Float weights: members are merged (classifier-ensemble.ts) before an IntentClassifier quantizes them. */
  weights: ClassifierWeights;
  /** examples × classes scores seen in the last epoch: training accuracy without another pass. */
  lastEpochProbabilities: Float32Array;
}

export async function trainClassifier(
  examples: readonly TrainingExample[],
  features: number,
  classes: number,
  options: ClassifierTrainingOptions,
): Promise<TrainedClassifier> {
  const shape: ClassifierShape = { features, dimension: options.dimension, classes, activation: options.activation };
  const random = new SeededRandom(options.seed);
  const weights = initialWeights(shape, random);
  const averaged = zeroWeights(shape);
  const averageFrom = options.epochs - Math.max(1, Math.min(options.averageEpochs, options.epochs));
  const step = stepper(shape, weights, options, Math.ceil(examples.length / options.batchSize) * options.epochs);
  const lastEpochProbabilities = new Float32Array(examples.length * classes);
  const order = examples.map((_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    random.shuffle(order);
    let loss = 0;
    let correct = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      throwIfAborted(options.signal);
      const indices = order.slice(start, start + options.batchSize);
      const probs = step(EmbeddingBatch.build(examples, indices, options.dropout, random));
      indices.forEach((example, i) => {
        const row = probs.subarray(i * classes, (i + 1) * classes);
        const label = (examples[example] as TrainingExample).label;
        loss -= Math.log(Math.max(row[label] as number, 1e-12));
        if (argmax(row) === label) correct++;
        if (epoch === options.epochs) lastEpochProbabilities.set(row, example * classes);
      });
    }
    if (epoch > averageFrom) accumulate(averaged, weights, options.epochs - averageFrom);
    options.onEpoch?.(epoch, loss / examples.length, correct / examples.length);
    await new Promise((resolve) => setImmediate(resolve)); // let abort signals and progress listeners run
  }
  throwIfAborted(options.signal);
  return { shape, weights: averaged, lastEpochProbabilities };
}

/** One optimisation step per call; returns the batch's scores (before the update). */
function stepper(shape: ClassifierShape, weights: ClassifierWeights, options: ClassifierTrainingOptions, totalSteps: number) {
  const adams = [
    new Adam(weights.embedding, shape.dimension),
    new Adam(weights.output, shape.classes),
    new Adam(weights.bias, shape.classes),
  ] as const;
  let done = 0;
  return (batch: EmbeddingBatch): Float32Array => {
    const result = denseStep(batch.bag(weights.embedding, shape.dimension), batch.labels, shape, weights, options.labelSmoothing);
    // Linear decay to a tenth of the rate: big steps early, fine-tuning late.
    const rate = options.learningRate * (1 - (0.9 * done++) / totalSteps);
    adams[0].update(batch.gradient(result.gradHidden, shape.dimension), rate, batch.rows);
    adams[1].update(result.gradOutput, rate);
    adams[2].update(result.gradBias, rate);
    return result.probs;
  };
}

function initialWeights(shape: ClassifierShape, random: SeededRandom): ClassifierWeights {
  const weights = zeroWeights(shape);
  const scale = 1 / Math.sqrt(shape.dimension);
  // Small embeddings, unit-variance output: the first steps shape the output layer, then the features follow.
  for (let i = 0; i < weights.embedding.length; i++) weights.embedding[i] = random.normal() * scale * 0.1;
  for (let i = 0; i < weights.output.length; i++) weights.output[i] = random.normal() * scale;
  return weights;
}

function zeroWeights(shape: ClassifierShape): ClassifierWeights {
  return {
    embedding: new Float32Array(shape.features * shape.dimension),
    output: new Float32Array(shape.dimension * shape.classes),
    bias: new Float32Array(shape.classes),
  };
}

function accumulate(into: ClassifierWeights, from: ClassifierWeights, count: number): void {
  for (const key of ['embedding', 'output', 'bias'] as const) {
    const target = into[key];
    const source = from[key];
    for (let i = 0; i < target.length; i++) target[i]! += (source[i] as number) / count;
  }
}

function argmax(row: Float32Array): number {
  let best = 0;
  for (let c = 1; c < row.length; c++) if ((row[c] as number) > (row[best] as number)) best = c;
  return best;
}

/** Training checks its signal between steps; an aborted one ends it with ParleyError('CANCELED'). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ParleyError('CANCELED', 'training was canceled');
}
