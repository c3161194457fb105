import { describe, expect, it } from 'vitest';
import { mergeMembers, type ClassifierParameters } from './classifier-ensemble';
import { IntentClassifier } from './intent-classifier';
import { SeededRandom } from './seeded-random';

const shape = { features: 5, dimension: 3, classes: 4, activation: 'sigmoid' as const };

function randomMember(seed: number): ClassifierParameters {
  const random = new SeededRandom(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => random.normal());
  return { shape, weights: { embedding: fill(15), output: fill(12), bias: fill(4) } };
}

const served = (parameters: ClassifierParameters) => IntentClassifier.quantized(parameters.shape, parameters.weights);

const logit = (p: number) => Math.log(p / (1 - p));

describe('mergeMembers', () => {
  it('builds one classifier whose logits are the mean of the members’ logits', () => {
    const members = [randomMember(1), randomMember(2)];
    const merged = mergeMembers(members);
    expect(merged.shape).toEqual({ ...shape, dimension: 6 });
    const text = { rows: Int32Array.from([0, 3, 4, 1, 2]), weights: Float32Array.from([1, 0.5, 0.25, 2, 1]), knownWords: 2 };
    const [a, b] = members.map((member) => served(member).probabilities(text));
    // Each is quantized on its own, so the mean holds to within int8 precision.
    served(merged)
      .probabilities(text)
      .forEach((score, c) => expect(logit(score)).toBeCloseTo((logit(a![c]!) + logit(b![c]!)) / 2, 1));
  });

  it('returns a single member’s weights as they are', () => {
    const only = randomMember(3);
    expect(mergeMembers([only]).weights).toBe(only.weights);
  });
});
