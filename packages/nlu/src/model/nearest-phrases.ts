/**
 * The training phrases' encoder vectors, kept to measure familiarity: how close a text comes to anything the bot was
 * taught (the cosine to its nearest training phrase). Off-topic text lands far from every phrase even when the
 * classifier, forced to choose among few intents, is confident. Rows are unit vectors stored as int8 (quantized-rows),
 * grouped by intent; at most PHRASES_PER_INTENT per intent (the first ones), so that a large bot's predictions cost
 * a bounded number of dot products (CLINC150's 15,000 phrases would take ~5 ms of every prediction).
 */
const PHRASES_PER_INTENT = 32;
import { quantizeRows, type QuantizedRows } from '../classifier/quantized-rows';
import { unitVector } from '../classifier/vector-classifier';

export interface NearestPhrasesData {
  dimension: number;
  /** Intent index of each row, ascending. */
  labels: Int32Array;
  rows: QuantizedRows;
}

export class NearestPhrases {
  constructor(readonly data: NearestPhrasesData) {}

  static fromVectors(vectors: readonly Float32Array[], labels: readonly number[]): NearestPhrases {
    const dimension = vectors[0]?.length ?? 0;
    const kept = new Map<number, number>();
    const order = labels
      .map((_, i) => i)
      .filter((i) => {
        const count = kept.get(labels[i]!) ?? 0;
        kept.set(labels[i]!, count + 1);
        return count < PHRASES_PER_INTENT;
      })
      .sort((a, b) => labels[a]! - labels[b]! || a - b);
    const matrix = new Float32Array(order.length * dimension);
    order.forEach((index, row) => matrix.set(unitVector(vectors[index]!), row * dimension));
    return new NearestPhrases({ dimension, labels: Int32Array.from(order, (i) => labels[i]!), rows: quantizeRows(matrix, dimension) });
  }

  get byteLength(): number {
    return this.data.labels.byteLength + this.data.rows.values.byteLength + this.data.rows.scales.byteLength;
  }

  /** Per intent (of `classes`), the largest cosine between `vector` and one of its training phrases; 0 without any. */
  similarities(vector: Float32Array, classes: number): Float32Array {
    const { dimension, labels, rows } = this.data;
    const unit = unitVector(vector);
    const best = new Float32Array(classes);
    for (let row = 0; row < labels.length; row++) {
      let dot = 0;
      const start = row * dimension;
      for (let k = 0; k < dimension; k++) dot += rows.values[start + k]! * unit[k]!;
      const label = labels[row]!;
      best[label] = Math.max(best[label]!, Math.min(1, dot * rows.scales[row]!));
    }
    return best;
  }
}
