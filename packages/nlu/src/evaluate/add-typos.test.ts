import { describe, expect, it } from 'vitest';
import { addTypos } from './add-typos';

const sentence = 'please tell me the weather forecast for tomorrow morning in barcelona';

describe('addTypos', () => {
  it('is seeded: same seed, same typos; another seed, other typos', () => {
    const options = { probability: 0.5, seed: 3 };
    expect(addTypos(sentence, options)).toBe(addTypos(sentence, options));
    expect(addTypos(sentence, { probability: 0.5, seed: 4 })).not.toBe(addTypos(sentence, options));
  });

  it('edits only words of four or more letters, each by one edit at most', () => {
    const typed = addTypos(sentence, { probability: 1, seed: 1 });
    const before = sentence.split(' ');
    const after = typed.split(' ');
    expect(after).toHaveLength(before.length);
    after.forEach((word, i) => {
      const original = before[i]!;
      if (original.length < 4) expect(word).toBe(original);
      else {
        expect(word).not.toBe(original);
        expect(Math.abs(word.length - original.length)).toBeLessThanOrEqual(1);
      }
    });
  });

  it('changes about the given share of long words', () => {
    const long = Array.from({ length: 2000 }, () => 'weather').join(' ');
    const changed = addTypos(long, { probability: 0.1, seed: 9 })
      .split(' ')
      .filter((w) => w !== 'weather').length;
    expect(changed).toBeGreaterThan(150);
    expect(changed).toBeLessThan(250);
  });
});
