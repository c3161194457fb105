import { describe, expect, it } from 'vitest';
import { FALLBACK_INTENT } from '@parley/domain';
import type { LabeledExample } from '../api';
import { trainModel } from '../model/train-model';
import { testDefinition } from '../model/test-definition';
import { evaluateModel } from './evaluate-model';

const rows = (intent: string, texts: string[]): LabeledExample[] => texts.map((text) => ({ text, intent }));

describe('evaluateModel', async () => {
  const model = await trainModel(testDefinition());

  it('counts answers at the threshold, per intent and as confusions', async () => {
    const examples = [
      ...rows('greeting', ['hello', 'hello there friend']),
      ...rows('weather', ['will it rain today']),
      ...rows('goodbye', ['hello']), // wrong on purpose: answered greeting
      ...rows('oos', ['qqqq zzzz']),
    ];
    const evaluation = await evaluateModel(model, examples, { oosLabel: 'oos' });
    expect(evaluation.examples).toBe(5);
    expect(evaluation.top1Accuracy).toBe(3 / 4);
    expect(evaluation.inScopeAccuracy).toBe(3 / 4);
    expect(evaluation.oosRecall).toBe(1);
    expect(evaluation.confusions).toEqual([{ expected: 'goodbye', predicted: 'greeting', count: 1 }]);
    const greeting = evaluation.perIntent.find((m) => m.intent === 'greeting')!;
    expect(greeting).toMatchObject({ precision: 2 / 3, recall: 1, support: 2 });
    expect(greeting.f1).toBeCloseTo(0.8);
    expect(evaluation.perIntent.find((m) => m.intent === 'goodbye')).toMatchObject({ recall: 0, support: 1 });
    expect(evaluation.thresholdSweep).toHaveLength(21);
    // At threshold 1 only exact training sentences ("hello", "will it rain today") are still answered.
    expect(evaluation.thresholdSweep.at(-1)).toMatchObject({ threshold: 1, inScopeAccuracy: 2 / 4 });
  });

  it('names unknown intents and unknown scopes', async () => {
    await expect(evaluateModel(model, rows('nope', ['hello']))).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'examples[0].intent' }),
    );
    await expect(evaluateModel(model, rows('greeting', ['hello']), { scope: 'only_goodbye' })).rejects.toThrow(
      expect.objectContaining({ field: 'examples[0].intent' }),
    );
    await expect(evaluateModel(model, rows('greeting', ['hello']), { scope: 'missing' })).rejects.toThrow(
      expect.objectContaining({ code: 'SCOPE_NOT_FOUND' }),
    );
  });

  it('evaluates within a scope', async () => {
    const evaluation = await evaluateModel(model, rows('goodbye', ['see you later', 'order a pizza']), { scope: 'only_goodbye' });
    expect(evaluation.top1Accuracy).toBe(1); // the scope ranks only goodbye
    expect(evaluation.inScopeAccuracy).toBe(1 / 2); // the pizza text falls back below the threshold
    expect(evaluation.confusions).toEqual([{ expected: 'goodbye', predicted: FALLBACK_INTENT, count: 1 }]);
  });
});
