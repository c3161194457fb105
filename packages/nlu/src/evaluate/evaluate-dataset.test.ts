import { describe, expect, it } from 'vitest';
import type { LabeledExample } from '../api';
import { evaluateDataset } from './evaluate-dataset';

const rows = (intent: string, texts: string[]): LabeledExample[] => texts.map((text) => ({ text, intent }));

const train = [
  ...rows('greeting', ['hello', 'hi there', 'good morning', 'hey how are you', 'hello bot', 'greetings to you']),
  ...rows('weather', [
    'what is the weather like',
    'will it rain today',
    'is it sunny outside',
    'weather forecast please',
    'how hot is it',
    'do i need an umbrella',
  ]),
  ...rows('order_pizza', [
    'i want to order a pizza',
    'get me a pizza',
    'pizza delivery please',
    'order a large pepperoni pizza',
    'can i have a margherita',
    'order food for me',
  ]),
  ...rows('oos', ['what is the capital of peru']),
];
const test = [
  ...rows('greeting', ['hello there', 'hi bot']),
  ...rows('weather', ['will it rain tomorrow', 'is it hot outside']),
  ...rows('order_pizza', ['order me a pizza', 'a pepperoni pizza please']),
  ...rows('oos', ['zebra quantum violin', 'mitochondria sonnet']),
];

describe('evaluateDataset', () => {
  it('trains without out-of-scope rows and returns exactly the headline metrics', async () => {
    const result = await evaluateDataset({ train, test, threshold: 0.5, seed: 3 });
    expect(Object.keys(result.metrics).sort()).toEqual(
      [
        'backend',
        'encoder',
        'inScopeAccuracy',
        'intents',
        'oosRecall',
        'predictP50Ms',
        'predictP99Ms',
        'testExamples',
        'threshold',
        'top1Accuracy',
        'trainExamples',
        'trainSeconds',
      ].sort(),
    );
    // No encoder was offered: "auto" trains the bag alone.
    expect(result.metrics).toMatchObject({ intents: 3, trainExamples: 18, testExamples: 8, threshold: 0.5, encoder: 'none' });
    expect(result.model.intentsOf('*')).toEqual(['greeting', 'weather', 'order_pizza']);
    expect(result.metrics.top1Accuracy).toBeGreaterThanOrEqual(5 / 6);
    expect(result.metrics.oosRecall).toBe(1); // nonsense words are out of vocabulary
    expect(result.metrics.predictP50Ms).toBeGreaterThan(0);
    expect(result.thresholdSweep[0]).toMatchObject({ threshold: 0, oosRecall: 1 });
  });

  it('picks the threshold on val, and reports oosRecall null without out-of-scope rows', async () => {
    const inScope = test.filter((row) => row.intent !== 'oos');
    const result = await evaluateDataset({ train, test: inScope, val: inScope });
    // With no out-of-scope rows the best threshold is the lowest that keeps every right answer.
    expect(result.metrics.threshold).toBe(0);
    expect(result.metrics.oosRecall).toBeNull();
    expect(result.metrics.inScopeAccuracy).toBe(result.metrics.top1Accuracy);
  });
});
