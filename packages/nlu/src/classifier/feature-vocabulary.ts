/**
 * The features seen in training, each with its embedding row. Unseen features are dropped at prediction time
 * (hashing them into shared buckets would only add noise). Keys are 32-bit feature hashes, so the artifact stores
 * numbers, not strings.
 */
import { FEATURE_GROUPS, type TextFeatures } from './feature-extractor';
import { FeatureTable } from './feature-table';

export interface EncodedText {
  rows: Int32Array;
  weights: Float32Array;
  /** How many unigrams (known words) were found: 0 means the text is out of vocabulary. */
  knownWords: number;
}

export class FeatureVocabulary {
  private readonly table: FeatureTable;

  constructor(readonly hashes: Uint32Array) {
    this.table = new FeatureTable(hashes);
  }

  /** Keeps features seen at least `minCount` times (unigrams are always kept). */
  static build(texts: readonly TextFeatures[], minCount: number): FeatureVocabulary {
    const counts = new Map<number, number>();
    const unigrams = new Set<number>();
    for (const groups of texts) {
      for (const hash of groups[0]) unigrams.add(hash);
      for (const group of groups) for (const hash of group) counts.set(hash, (counts.get(hash) ?? 0) + 1);
    }
    const kept = [...counts].filter(([hash, count]) => count >= minCount || unigrams.has(hash)).map(([hash]) => hash);
    return new FeatureVocabulary(Uint32Array.from(kept));
  }

  get size(): number {
    return this.hashes.length;
  }

  /** Memory the vocabulary holds: its hashes and their lookup table. */
  get byteLength(): number {
    return this.hashes.byteLength + this.table.byteLength;
  }

  has(hash: number): boolean {
    return this.table.get(hash) >= 0;
  }

  /** Each group's known features share the group's weight equally (a mean embedding per group). */
  encode(groups: TextFeatures, groupWeights: readonly number[]): EncodedText {
    const total = groups[0].length + groups[1].length + groups[2].length;
    const rows = new Int32Array(total);
    const weights = new Float32Array(total);
    let count = 0;
    let knownWords = 0;
    for (let g = 0; g < FEATURE_GROUPS; g++) {
      const start = count;
      for (const hash of groups[g as 0 | 1 | 2]) {
        const row = this.table.get(hash);
        if (row >= 0) rows[count++] = row;
      }
      if (g === 0) knownWords = count;
      weights.fill((groupWeights[g] ?? 1) / Math.sqrt(Math.max(count - start, 1)), start, count);
    }
    return { rows: rows.subarray(0, count), weights: weights.subarray(0, count), knownWords };
  }
}
