import { describe, expect, it } from 'vitest';
import type { TextFeatures } from './feature-extractor';
import { FeatureVocabulary } from './feature-vocabulary';

describe('FeatureVocabulary', () => {
  const texts: TextFeatures[] = [
    [[11, 12], [21], [31, 32, 33]],
    [[11], [22], [31, 34]],
  ];

  it('keeps every unigram and the other features seen at least minCount times', () => {
    const vocabulary = FeatureVocabulary.build(texts, 2);
    expect([...vocabulary.hashes].sort()).toEqual([11, 12, 31]);
    expect(FeatureVocabulary.build(texts, 1).size).toBe(8);
  });

  it('encodes known features to rows, weighting each group by 1/√(known in group), and counts known words', () => {
    const vocabulary = new FeatureVocabulary(Uint32Array.from([11, 12, 21, 31, 32, 4_000_000_000]));
    const encoded = vocabulary.encode([[12, 99], [21], [31, 32, 77, 4_000_000_000]], [1, 0.5, 2]);
    expect(Array.from(encoded.rows)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(encoded.weights)).toEqual([1, 0.5, 2 / Math.sqrt(3), 2 / Math.sqrt(3), 2 / Math.sqrt(3)].map(Math.fround));
    expect(encoded.knownWords).toBe(1);
    expect(vocabulary.encode([[99], [], [98]], [1, 1, 1])).toMatchObject({ knownWords: 0 });
  });

  it('finds every stored hash, and no other, in its table', () => {
    const hashes = Uint32Array.from({ length: 5000 }, (_, i) => Math.imul(i + 1, 2654435761) >>> 0);
    const vocabulary = new FeatureVocabulary(hashes);
    expect(hashes.every((hash) => vocabulary.has(hash))).toBe(true);
    expect([1, 2, 3, 0xffffffff].some((hash) => vocabulary.has(hash))).toBe(false);
  });
});
