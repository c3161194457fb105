/**
 * A stand-in sentence encoder for tests that need one without the pretrained weights: each lower-cased word is a
 * seeded random unit vector, and a text is the sum of its words' vectors. Texts sharing words point alike, so a
 * classifier over it learns; it is deterministic, fast, and counts what it was asked to encode.
 */
import type { SentenceEncoder } from '@parley/nlu';

export class WordHashEncoder implements SentenceEncoder {
  readonly identity = 'word-hash@1';
  readonly dimension = 64;
  /** Every text passed to encode(), in order. */
  readonly encoded: string[] = [];
  private closed = false;

  encode(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.closed) return Promise.reject(new Error('encoder is closed'));
    this.encoded.push(...texts);
    return Promise.resolve(texts.map((text) => this.vectorOf(text)));
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private vectorOf(text: string): Float32Array {
    const vector = new Float32Array(this.dimension);
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      let state = 2166136261;
      for (const char of word) state = Math.imul(state ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
      for (let k = 0; k < this.dimension; k++) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        vector[k]! += state / 2 ** 32 - 0.5;
      }
    }
    return vector;
  }
}
