/**
 * One mini-batch of the embedding bag, in plain JS: the rows it touches renumbered densely, the bag (weighted
 * sum of rows per example) and its transpose (the gradient per touched row). For sparse rows this beats tensor
 * ops by far: wasm's Gather alone takes ~28 ms for a few thousand rows.
 */
import type { EncodedText } from './feature-vocabulary';
import type { SeededRandom } from './seeded-random';

export interface TrainingExample {
  text: EncodedText;
  label: number;
}

export class EmbeddingBatch {
  private constructor(
    /** Embedding row of each local id. */
    readonly rows: Int32Array,
    /** Per bag entry: local row id, example position in the batch, weight. */
    private readonly local: Int32Array,
    private readonly segment: Int32Array,
    private readonly weight: Float32Array,
    readonly labels: Int32Array,
  ) {}

  /** `dropout` drops each feature with that probability and scales the kept ones (inverted dropout). */
  static build(examples: readonly TrainingExample[], indices: readonly number[], dropout: number, random: SeededRandom): EmbeddingBatch {
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
        weight.push((weights[i] as number) / (1 - dropout));
      }
    });
    const labels = Int32Array.from(indices, (i) => (examples[i] as TrainingExample).label);
    return new EmbeddingBatch(
      Int32Array.from(localOf.keys()),
      Int32Array.from(local),
      Int32Array.from(segment),
      Float32Array.from(weight),
      labels,
    );
  }

  get size(): number {
    return this.labels.length;
  }

  /** size × dimension: each example's weighted sum of embedding rows. */
  bag(embedding: Float32Array, dimension: number): Float32Array {
    const hidden = new Float32Array(this.size * dimension);
    for (let i = 0; i < this.local.length; i++) {
      const from = (this.rows[this.local[i] as number] as number) * dimension;
      const to = (this.segment[i] as number) * dimension;
      const weight = this.weight[i] as number;
      for (let d = 0; d < dimension; d++) hidden[to + d]! += weight * (embedding[from + d] as number);
    }
    return hidden;
  }

  /** rows.length × dimension: the gradient of each touched embedding row, given the gradient of the bag. */
  gradient(gradHidden: Float32Array, dimension: number): Float32Array {
    const grad = new Float32Array(this.rows.length * dimension);
    for (let i = 0; i < this.local.length; i++) {
      const to = (this.local[i] as number) * dimension;
      const from = (this.segment[i] as number) * dimension;
      const weight = this.weight[i] as number;
      for (let d = 0; d < dimension; d++) grad[to + d]! += weight * (gradHidden[from + d] as number);
    }
    return grad;
  }
}
