import { describe, expect, it } from 'vitest';
import { featureHash } from './feature-hash';
import { FeatureExtractor } from './feature-extractor';

describe('FeatureExtractor', () => {
  const extractor = new FeatureExtractor({ charMin: 3, charMax: 4, bigrams: true });

  it('hashes stem unigrams, stem bigrams with boundaries and character n-grams of the words', () => {
    const [unigrams, bigrams, chars] = extractor.extract({ words: ['cats', 'run'], stems: ['cat', 'run'] });
    expect(unigrams).toEqual([featureHash('w cat'), featureHash('w run')]);
    expect(bigrams).toEqual([featureHash('b <s> cat'), featureHash('b cat run'), featureHash('b run </s>')]);
    const expected = ['<ca', '<cat', 'cat', 'cats', 'ats', 'ats>', 'ts>', '<ru', '<run', 'run', 'run>', 'un>'].map((g) =>
      featureHash(`c ${g}`),
    );
    expect([...chars].sort()).toEqual([...expected].sort());
  });

  it('gives a short word one character feature, and no bigrams when they are off', () => {
    const plain = new FeatureExtractor({ charMin: 4, charMax: 5, bigrams: false });
    const [, bigrams, chars] = plain.extract({ words: ['a'], stems: ['a'] });
    expect(bigrams).toEqual([]);
    expect(chars).toEqual([featureHash('c <a>')]);
  });

  it('shares most character features between a word and its misspelling', () => {
    const right = new Set(extractor.extract({ words: ['weather'], stems: ['weather'] })[2]);
    const typo = extractor.extract({ words: ['weathr'], stems: ['weathr'] })[2];
    expect(typo.filter((hash) => right.has(hash)).length).toBeGreaterThanOrEqual(typo.length / 2);
  });
});
