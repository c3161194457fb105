import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { JsonValue } from '@parley/domain';
import { fromWireValue, type nluV1, predictionFromWire, toWireValue } from '@parley/proto';
import { weatherBot } from '@parley/examples';
import { toWireDefinition } from './nlu-wire';

type Sent = ReturnType<typeof toWireValue>;
type Received = NonNullable<nluV1.MatchedParameter__Output['value']>;
const KINDS = ['nullValue', 'numberValue', 'stringValue', 'boolValue', 'structValue', 'listValue'] as const;

// What proto-loader hands back: oneofs name their case in `kind`.
function asReceived(value: Sent): Received {
  const received = { ...value, kind: KINDS.find((key) => value[key] !== undefined) } as Received;
  if (value.structValue) {
    received.structValue = {
      fields: Object.fromEntries(Object.entries(value.structValue.fields ?? {}).map(([key, item]) => [key, asReceived(item)])),
    };
  }
  if (value.listValue) received.listValue = { values: (value.listValue.values ?? []).map(asReceived) };
  return received;
}

describe('nlu-wire', () => {
  it('round-trips any JSON value through google.protobuf.Value', () => {
    const json = fc.jsonValue({ noUnicodeString: false }).filter((value) => !Object.is(value, -0)) as fc.Arbitrary<JsonValue>;
    fc.assert(
      fc.property(json, (value) => {
        expect(fromWireValue(asReceived(toWireValue(value)))).toEqual(value);
      }),
    );
  });

  it('reads an absent value (a parameter not found) as null', () => {
    expect(fromWireValue(null)).toBeNull();
    expect(fromWireValue(undefined)).toBeNull();
    expect(fromWireValue({})).toBeNull();
  });

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

  it('sends the whole bot definition: intents, parameters, entities, scopes and config', () => {
    const wire = toWireDefinition(weatherBot.definition());
    expect(wire).toMatchObject({
      name: 'weather_bot',
      language: 'en',
      intents: [{ name: 'weather_intent', parameters: [{ name: 'city1', fragment: 'CITY', entity: 'city_entity' }] }],
      entities: [{ name: 'city_entity', entries: expect.arrayContaining([{ value: 'Barcelona', synonyms: ['BCN', 'barna'] }]) }],
      scopes: [{ name: 's0', intents: ['weather_intent'] }],
      config: { threshold: 0.4, seed: 42, timezone: 'UTC' },
    });
  });
});
