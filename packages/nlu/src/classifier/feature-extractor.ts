/**
 * Turns processed text into hashed sparse features, in three groups: stem unigrams (meaning), stem bigrams (word
 * order) and character n-grams of the words (typo robustness: a misspelt word still shares most of its n-grams).
 */
import type { ProcessedText } from '../text/text-pipeline';
import { FNV_OFFSET, featureHash, hashStep, hashString } from './feature-hash';

const CHAR_PREFIX = hashString('c ', FNV_OFFSET);

export interface FeatureOptions {
  /** Shortest and longest character n-gram, taken on `<word>` with boundary marks. */
  charMin: number;
  charMax: number;
  bigrams: boolean;
}

const DEFAULT_FEATURE_OPTIONS: FeatureOptions = Object.freeze({ charMin: 3, charMax: 5, bigrams: true });

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

  /** Hashes of `c <n-gram>` for each n-gram of `<word>`, computed incrementally (no substrings). */
  private addCharGrams(word: string, into: number[]): void {
    const { charMin, charMax } = this.options;
    const length = word.length + 2;
    const codeAt = (i: number) => (i === 0 ? 60 : i === length - 1 ? 62 : word.charCodeAt(i - 1)); // '<' word '>'
    for (let start = 0; start + charMin <= length; start++) {
      let hash = CHAR_PREFIX;
      for (let k = 0; k < charMax && start + k < length; k++) {
        hash = hashStep(hash, codeAt(start + k));
        if (k + 1 >= charMin) into.push(hash >>> 0);
      }
    }
    // Words shorter than the smallest n-gram still get one feature.
    if (length < charMin) into.push(featureHash(`c <${word}>`));
  }
}
