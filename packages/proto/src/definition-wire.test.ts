/** Bot definitions through real protobuf bytes: what a client sends is what the NLU service reads back. */
import { type BotDefinition, DEFAULT_NLU_CONFIG, type IntentDefinition } from '@parley/domain';
import { overTheWire } from '@parley/testkit/proto/over-the-wire';
import { describe, expect, it } from 'vitest';
import { definitionFromWire, definitionToWire } from './definition-wire';
import type * as nluV1 from './generated/parley/nlu/v1';

const weather: BotDefinition = {
  name: 'weather_bot',
  language: 'en',
  intents: [
    {
      name: 'weather_intent',
      description: 'asks for the weather',
      trainingSentences: ['what is the weather in CITY?', 'weather in CITY'],
      parameters: [{ name: 'city1', fragment: 'CITY', entity: 'city_entity' }],
    },
    { name: 'hello_intent', trainingSentences: ['hi', 'hello'], parameters: [] },
  ],
  entities: [
    {
      name: 'city_entity',
      entries: [
        { value: 'Barcelona', synonyms: ['BCN', 'barna'] },
        { value: 'Madrid', synonyms: [] },
      ],
    },
  ],
  scopes: [{ name: 's0', intents: ['weather_intent'] }],
  config: { ...DEFAULT_NLU_CONFIG, threshold: 0.3, timezone: 'Europe/Madrid', hyperParameters: { epochs: 20 } },
};

/** What the NLU service's handler receives for `wire`: the bytes a client sends, decoded as proto-loader does. */
const received = (wire: nluV1.BotDefinition): nluV1.BotDefinition__Output => overTheWire('BotDefinition', wire);

describe('definition-wire', () => {
  it('sends the whole definition and reads back the same plain input parseDefinition takes', () => {
    expect(definitionFromWire(received(definitionToWire(weather)))).toEqual(weather);
  });

  it('sends nothing beyond the contract', () => {
    const intent = { ...weather.intents[0], secret: 1 } as IntentDefinition;
    const extra = { ...weather, internal: 'not for the wire', intents: [intent] } as BotDefinition;
    const wire = definitionToWire(extra);
    expect(wire).not.toHaveProperty('internal');
    expect(wire.intents?.[0]).not.toHaveProperty('secret');
  });

  it('leaves out what proto3 cannot tell from unset, so that defaults apply', () => {
    expect(definitionFromWire(received({ name: 'bare', intents: [{ name: 'a', trainingSentences: ['hi'] }] }))).toEqual({
      name: 'bare',
      intents: [{ name: 'a', trainingSentences: ['hi'], parameters: [] }],
      entities: [],
      scopes: [],
      config: {},
    });
    expect(definitionFromWire(null)).toBeUndefined();
  });
});
