/**
 * The training phrases' encoder vectors, kept to measure familiarity: how close a text comes to anything the bot was
 * taught (the cosine to its nearest training phrase). Off-topic text lands far from every phrase even when the
 * classifier, forced to choose among few intents, is confident. Rows are unit vectors stored as int8 (quantized-rows),
 * grouped by intent; at most PHRASES_PER_INTENT per intent (the first ones), so that a large bot's predictions cost
 * a bounded number of dot products. Those run in the classifier kernels' `dots` (WebAssembly SIMD) where they are
 * loaded: measured on the CLINC150 model (4,800 rows), ~4 ms of the main thread per prediction in the JS loop.
 */
import { align16, instantiateKernels, type KernelExports } from '../classifier/classifier-kernels';
import type { ClassifierEngine } from '../classifier/intent-classifier';
import { quantizeRows, type QuantizedRows } from '../classifier/quantized-rows';
import { unitVector } from '../classifier/vector-classifier';

const PHRASES_PER_INTENT = 32;

export interface NearestPhrasesData {
  dimension: number;
  /** Intent index of each row, ascending. */
  labels: Int32Array;
  rows: QuantizedRows;
}

/** The rows in the kernels' memory (their only copy), with room for a text's vector and the products. */
interface DotKernel {
  exports: KernelExports;
  rows: QuantizedRows;
  at: { scales: number; vector: number; products: number };
  vector: Float32Array;
  products: Float32Array;
}

/** Undefined where the kernels are not loaded. */
function dotKernel({ dimension, labels, rows }: NearestPhrasesData): DotKernel | undefined {
  const count = labels.length;
  const scales = align16(count * dimension);
  const vector = align16(scales + count * 4);
  const products = vector + dimension * 4;
  const instance = instantiateKernels(products + count * 4);
  if (instance === undefined) return undefined;
  const { exports, buffer } = instance;
  const kernel: DotKernel = {
    exports,
    rows: { values: new Int8Array(buffer, 0, count * dimension), scales: new Float32Array(buffer, scales, count) },
    at: { scales, vector, products },
    vector: new Float32Array(buffer, vector, dimension),
    products: new Float32Array(buffer, products, count),
  };
  kernel.rows.values.set(rows.values);
  kernel.rows.scales.set(rows.scales);
  return kernel;
}

export class NearestPhrases {
  readonly data: NearestPhrasesData;
  private readonly kernel: DotKernel | undefined;

  /** `kernels: false` keeps the JS loop even where the classifier kernels are loaded. */
  constructor(data: NearestPhrasesData, options: { kernels?: boolean } = {}) {
    const usable = options.kernels !== false && data.dimension > 0 && data.dimension % 8 === 0 && data.labels.length > 0;
    this.kernel = usable ? dotKernel(data) : undefined;
    // With the kernel the rows live in its memory only.
    this.data = this.kernel === undefined ? data : { ...data, rows: this.kernel.rows };
  }

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

  /** Where the dot products run: the WebAssembly SIMD kernel, or the JS loop. */
  get engine(): ClassifierEngine {
    return this.kernel === undefined ? 'js' : 'wasm-simd';
  }

  get byteLength(): number {
    return this.data.labels.byteLength + this.data.rows.values.byteLength + this.data.rows.scales.byteLength;
  }

  /** Per intent (of `classes`), the largest cosine between `vector` and one of its training phrases; 0 without any. */
  similarities(vector: Float32Array, classes: number): Float32Array {
    const { labels } = this.data;
    const cosines = this.cosines(unitVector(vector));
    const best = new Float32Array(classes);
    for (let row = 0; row < labels.length; row++) {
      const label = labels[row]!;
      best[label] = Math.max(best[label]!, Math.min(1, cosines[row]!));
    }
    return best;
  }

  /** The cosine of a unit vector with each row. */
  private cosines(unit: Float32Array): Float32Array {
    const { dimension, labels, rows } = this.data;
    if (this.kernel !== undefined) {
      const { exports, at, vector, products } = this.kernel;
      vector.set(unit);
      exports.dots(0, at.scales, labels.length, dimension, at.vector, at.products);
      return products;
    }
    const cosines = new Float32Array(labels.length);
    for (let row = 0; row < labels.length; row++) {
      let dot = 0;
      const start = row * dimension;
      for (let k = 0; k < dimension; k++) dot += rows.values[start + k]! * unit[k]!;
      cosines[row] = dot * rows.scales[row]!;
    }
    return cosines;
  }
}
