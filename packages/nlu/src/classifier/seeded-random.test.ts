import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => new SeededRandom(seed)).map((r) => r.next());
    expect(draw(1)).toEqual(draw(1));
    const a = new SeededRandom(1);
    const b = new SeededRandom(2);
    expect([a.next(), a.next()]).not.toEqual([b.next(), b.next()]);
  });

  it('shuffles to a permutation, the same for the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const once = new SeededRandom(9).shuffle([...items]);
    expect([...once].sort((x, y) => x - y)).toEqual(items);
    expect(new SeededRandom(9).shuffle([...items])).toEqual(once);
    expect(once).not.toEqual(items);
  });
});
