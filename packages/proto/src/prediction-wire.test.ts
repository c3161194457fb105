/** Predictions from the wire: enum reasons by their proto names, absent parameter values as null. */
import { describe, expect, it } from 'vitest';
import { predictionFromWire } from './prediction-wire';

describe('prediction-wire', () => {
  it('maps a prediction, its enum reason and its parameters to the domain', () => {
    const prediction = predictionFromWire({
      intent: 'fallback_intent',
      score: 1,
      matchedSentence: 'weather in CITY',
      matchedParameters: [
        { name: 'city1', value: { kind: 'stringValue', stringValue: 'Barcelona' }, info: { fields: {} } },
        { name: 'n', value: null, info: null },
      ],
      ranking: [{ intent: 'weather_intent', score: 0.3 }],
      scope: 's0',
      modelVersion: 'v1',
      fallbackReason: 'FALLBACK_REASON_LOW_CONFIDENCE',
    });
    expect(prediction).toEqual({
      intent: 'fallback_intent',
      score: 1,
      matchedSentence: 'weather in CITY',
      matchedParameters: [
        { name: 'city1', value: 'Barcelona', info: {} },
        { name: 'n', value: null, info: {} },
      ],
      ranking: [{ intent: 'weather_intent', score: 0.3 }],
      scope: 's0',
      modelVersion: 'v1',
      fallbackReason: 'LOW_CONFIDENCE',
    });
  });
});
