import { describe, expect, it } from 'vitest';
import { mergeMembers } from './classifier-ensemble';
import { IntentClassifier } from './intent-classifier';
import { SeededRandom } from './seeded-random';

const shape = { features: 5, dimension: 3, classes: 4, activation: 'sigmoid' as const };

function randomClassifier(seed: number): IntentClassifier {
  const random = new SeededRandom(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => random.normal());
  return new IntentClassifier(shape, { embedding: fill(15), output: fill(12), bias: fill(4) });
}

const logit = (p: number) => Math.log(p / (1 - p));

describe('mergeMembers', () => {
  it('builds one classifier whose logits are the mean of the members’ logits', () => {
    const members = [randomClassifier(1), randomClassifier(2)];
    const merged = mergeMembers(members);
    expect(merged.shape).toEqual({ ...shape, dimension: 6 });
    const text = { rows: Int32Array.from([0, 3, 4, 1, 2]), weights: Float32Array.from([1, 0.5, 0.25, 2, 1]), knownWords: 2 };
    const [a, b] = members.map((member) => member.probabilities(text));
    merged.probabilities(text).forEach((score, c) => expect(logit(score)).toBeCloseTo((logit(a![c]!) + logit(b![c]!)) / 2, 4));
  });

  it('returns a single member as it is', () => {
    const only = randomClassifier(3);
    expect(mergeMembers([only])).toBe(only);
  });
});
