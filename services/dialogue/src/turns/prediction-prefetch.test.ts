import { describe, expect, it } from 'vitest';
import type { IntentClassifierPrediction } from '@parley/domain';
import { PredictionPrefetch } from './prediction-prefetch';

function recordingNlu() {
  const calls: Array<[string, string]> = [];
  const predict = async (text: string, scope: string): Promise<IntentClassifierPrediction> => {
    calls.push([text, scope]);
    return {
      intent: `${scope}:${text}`,
      score: 1,
      matchedSentence: text,
      matchedParameters: [],
      ranking: [],
      scope,
      modelVersion: 'v',
      fallbackReason: 'NONE',
    };
  };
  return { calls, predict };
}

describe('PredictionPrefetch', () => {
  it('asks the NLU at once in the remembered state, and hands that answer to the bot when it asks the same', async () => {
    const nlu = recordingNlu();
    const prefetch = new PredictionPrefetch(nlu.predict, new Set(['s0', 's1']));
    prefetch.remember('a', 's0');
    const predictor = prefetch.start('a', 'hello');
    expect(nlu.calls).toEqual([['hello', 's0']]);
    expect((await predictor.predict('hello', 's0')).intent).toBe('s0:hello');
    expect(nlu.calls).toHaveLength(1);
  });

  it('asks again when the loaded state differs from the guess, or when the bot asks twice', async () => {
    const nlu = recordingNlu();
    const prefetch = new PredictionPrefetch(nlu.predict, new Set(['s0', 's1']));
    prefetch.remember('a', 's0');
    const predictor = prefetch.start('a', 'hello');
    expect((await predictor.predict('hello', 's1')).intent).toBe('s1:hello');
    expect((await predictor.predict('hello', 's0')).intent).toBe('s0:hello');
    expect((await predictor.predict('hello', 's0')).intent).toBe('s0:hello');
    expect(nlu.calls).toEqual([
      ['hello', 's0'],
      ['hello', 's1'],
      ['hello', 's0'],
    ]);
  });

  it('does not guess for unknown sessions, forgotten ones, or states without intents', () => {
    const nlu = recordingNlu();
    const prefetch = new PredictionPrefetch(nlu.predict, new Set(['s0']));
    prefetch.start('unknown', 'hi');
    prefetch.remember('b', 'terminal');
    prefetch.start('b', 'hi');
    prefetch.remember('c', 's0');
    prefetch.forget('c');
    prefetch.start('c', 'hi');
    expect(nlu.calls).toEqual([]);
  });

  it('passes the request id to every NLU call of the turn, the early one and any asked again', async () => {
    const ids: Array<string | undefined> = [];
    const prefetch = new PredictionPrefetch(
      async (text, scope, options) => {
        ids.push(options?.requestId);
        return recordingNlu().predict(text, scope);
      },
      new Set(['s0', 's1']),
    );
    prefetch.remember('a', 's0');
    await prefetch.start('a', 'hello', { requestId: 'r-1' }).predict('hello', 's1');
    await prefetch.start('unknown', 'hi', { requestId: 'r-2' }).predict('hi', 's0');
    expect(ids).toEqual(['r-1', 'r-1', 'r-2']);
  });

  it('forgets the least recently seen session beyond its capacity', () => {
    const nlu = recordingNlu();
    const prefetch = new PredictionPrefetch(nlu.predict, new Set(['s0']), 2);
    prefetch.remember('a', 's0');
    prefetch.remember('b', 's0');
    prefetch.remember('a', 's0');
    prefetch.remember('c', 's0');
    prefetch.start('b', 'x');
    prefetch.start('a', 'y');
    expect(nlu.calls).toEqual([['y', 's0']]);
  });

  it('a failed guess that the bot never uses is not an unhandled rejection', async () => {
    const prefetch = new PredictionPrefetch(() => Promise.reject(new Error('NLU down')), new Set(['s0']));
    prefetch.remember('a', 's0');
    prefetch.start('a', 'hello');
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
