import { describe, expect, it } from 'vitest';
import { FALLBACK_INTENT, ParleyError } from '@parley/domain';
import { loadModel } from './load-model';
import { trainModel } from './train-model';
import { modelVersionOf } from './model-version';
import { testDefinition } from './test-definition';

const probes = ['hello there friend', 'is it going to rain', 'order me a pizza', 'thank you so much', 'xyzzy'];

describe('trainModel', async () => {
  const model = await trainModel(testDefinition());

  it('is deterministic: same definition and seed give identical scores', async () => {
    const again = await trainModel(testDefinition());
    expect(again.version).toBe(model.version);
    for (const text of probes) expect(again.predict(text).ranking).toEqual(model.predict(text).ranking);
  });

  it('gives other scores for another seed', async () => {
    const other = await trainModel(testDefinition({ seed: 7 }));
    expect(other.version).not.toBe(model.version);
    expect(other.predict('hello there friend').ranking).not.toEqual(model.predict('hello there friend').ranking);
  });

  it('classifies unseen phrasings', () => {
    expect(model.predict('hello there friend').intent).toBe('greeting');
    expect(model.predict('is it going to rain tomorrow').intent).toBe('weather');
    expect(model.predict('order me a pizza now').intent).toBe('order_pizza');
  });

  it('round-trips through its artifact and predicts identically', () => {
    const artifact = model.toArtifact();
    // As a registry would store it: JSON text and bytes.
    const loaded = loadModel({ manifest: JSON.parse(JSON.stringify(artifact.manifest)), weights: Uint8Array.from(artifact.weights) });
    expect(loaded.version).toBe(model.version);
    expect(loaded.scopes).toEqual(model.scopes);
    expect(loaded.stats).toEqual(model.stats);
    for (const text of probes) for (const scope of model.scopes) expect(loaded.predict(text, scope)).toEqual(model.predict(text, scope));
  });

  it('restricts a scope to its intents, best first, scored p / √(Σ scope p)', () => {
    const text = 'will it rain today or be sunny';
    const all = new Map(model.predict(text).ranking.map((r) => [r.intent, r.score]));
    const scoped = model.predict(text, 'start');
    expect(scoped.scope).toBe('start');
    expect(scoped.ranking.map((r) => r.intent).sort()).toEqual(['greeting', 'weather']);
    expect(scoped.ranking[0]!.score).toBeGreaterThanOrEqual(scoped.ranking[1]!.score);
    const total = all.get('weather')! + all.get('greeting')!;
    expect(scoped.ranking.find((r) => r.intent === 'weather')!.score).toBeCloseTo(all.get('weather')! / Math.sqrt(total), 5);
  });

  it('lets a one-intent scope reject text meant for another intent', () => {
    const prediction = model.predict('I want to order a large pizza please', 'only_goodbye');
    expect(prediction.intent).toBe(FALLBACK_INTENT);
    expect(prediction.fallbackReason).toBe('LOW_CONFIDENCE');
    expect(prediction.ranking.map((r) => r.intent)).toEqual(['goodbye']);
  });

  it('answers an exact training sentence with score 1', () => {
    const prediction = model.predict('  Will it RAIN today? ');
    expect(prediction).toMatchObject({ intent: 'weather', score: 1, fallbackReason: 'NONE' });
    expect(prediction.matchedSentence).toBe(model.predict('will it rain today').matchedSentence);
    expect(prediction.ranking[0]).toEqual({ intent: 'weather', score: 1 });
  });

  it('recognises entities: placeholders for the classifier, values as parameters', () => {
    const prediction = model.predict('how is the weather in BCN');
    expect(prediction.intent).toBe('weather');
    expect(prediction.matchedSentence).toContain('ENT_CITY');
    expect(prediction.matchedParameters).toEqual([{ name: 'city', value: 'Barcelona', info: {} }]);
    expect(model.predict('how is the weather today').matchedParameters).toEqual([{ name: 'city', value: null, info: {} }]);
  });

  it('falls back on text with no known word', () => {
    const prediction = model.predict('qqqq zzzz');
    expect(prediction).toMatchObject({ intent: FALLBACK_INTENT, score: 1, fallbackReason: 'OUT_OF_VOCABULARY', matchedParameters: [] });
    expect(prediction.ranking).toHaveLength(5);
  });

  it('refuses empty text and unknown scopes with named fields', () => {
    expect(() => model.predict('   ')).toThrow(expect.objectContaining({ code: 'TEXT_EMPTY', field: 'text' }));
    expect(() => model.predict('hello', 'nope')).toThrow(expect.objectContaining({ code: 'SCOPE_NOT_FOUND', field: 'scope' }));
  });

  it('reports progress per epoch and stats per scope', async () => {
    const events: number[] = [];
    const trained = await trainModel(testDefinition({ hyperParameters: { minSteps: 3, members: 2 } }), {
      onProgress: (e) => events.push(e.epoch),
    });
    // 4 epochs per member, counted across the two members.
    expect(events).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(trained.stats.map((s) => [s.scope, s.intents, s.examples])).toEqual([
      ['*', 5, 32],
      ['start', 2, 14],
      ['only_goodbye', 1, 6],
    ]);
    expect(model.stats[0]!.trainAccuracy).toBe(1);
  });

  it('cancels through the abort signal', async () => {
    const controller = new AbortController();
    const training = trainModel(testDefinition(), { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(training).rejects.toThrow(ParleyError);
    await expect(training).rejects.toMatchObject({ code: 'CANCELED' });
  });

  it('refuses at once a signal aborted before it starts, reporting no progress', async () => {
    const progress: unknown[] = [];
    const training = trainModel(testDefinition(), { signal: AbortSignal.abort(), onProgress: (event) => progress.push(event) });
    await expect(training).rejects.toMatchObject({ code: 'CANCELED' });
    expect(progress).toEqual([]);
  });

  it('versions by content', () => {
    expect(modelVersionOf(testDefinition())).toBe(model.version);
    expect(modelVersionOf(testDefinition({ threshold: 0.5 }))).not.toBe(model.version);
  });
});

describe('decision rules', async () => {
  it('falls back below the threshold and on a small margin, keeping the ranking', async () => {
    const strict = await trainModel(testDefinition({ threshold: 1 }));
    const low = strict.predict('hello there friend');
    expect(low).toMatchObject({ intent: FALLBACK_INTENT, score: 1, fallbackReason: 'LOW_CONFIDENCE', matchedParameters: [] });
    expect(low.ranking[0]!.intent).toBe('greeting');

    const picky = await trainModel(testDefinition({ ambiguityMargin: 1 }));
    const ambiguous = picky.predict('hello there friend');
    expect(ambiguous).toMatchObject({ intent: FALLBACK_INTENT, fallbackReason: 'AMBIGUOUS' });
    expect(ambiguous.ranking).toHaveLength(5);
  });
});
