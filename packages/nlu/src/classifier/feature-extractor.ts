/**
 * Turns processed text into hashed sparse features, in three groups: stem unigrams (meaning), stem bigrams (word
 * order) and character n-grams of the words (typo robustness: a misspelt word still shares most of its n-grams).
 */
import type { ProcessedText } from '../text/text-pipeline';
import { featureHash } from './feature-hash';

export interface FeatureOptions {
  /** Shortest and longest character n-gram, taken on `<word>` with boundary marks. */
  charMin: number;
  charMax: number;
  bigrams: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = Object.freeze({ charMin: 3, charMax: 5, bigrams: true });

export const FEATURE_GROUPS = 3;

/** Hashes per group: [stem unigrams, stem bigrams, character n-grams]. */
export type TextFeatures = [number[], number[], number[]];

export class FeatureExtractor {
  constructor(readonly options: FeatureOptions = DEFAULT_FEATURE_OPTIONS) {}

  extract(text: ProcessedText): TextFeatures {
    const unigrams = text.stems.map((stem) => featureHash(`w ${stem}`));
    const bigrams: number[] = [];
    if (this.options.bigrams) {
      const padded = ['<s>', ...text.stems, '</s>'];
      for (let i = 1; i < padded.length; i++) bigrams.push(featureHash(`b ${padded[i - 1]} ${padded[i]}`));
    }
    const chars: number[] = [];
    for (const word of text.words) this.addCharGrams(word, chars);
    return [unigrams, bigrams, chars];
  }

  private addCharGrams(word: string, into: number[]): void {
    const marked = `<${word}>`;
    const { charMin, charMax } = this.options;
    for (let n = charMin; n <= charMax; n++) {
      for (let start = 0; start + n <= marked.length; start++) into.push(featureHash(`c ${marked.slice(start, start + n)}`));
    }
    // Words shorter than the smallest n-gram still get one feature.
    if (marked.length < charMin) into.push(featureHash(`c ${marked}`));
  }
}
