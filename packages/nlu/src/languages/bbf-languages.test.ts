/** Catalan and Luxembourgish, the two of BBF's languages without a stemmer: a model trains and understands them. */
import { describe, expect, it } from 'vitest';
import { parseDefinition, trainModel } from '../index';

const BOTS = {
  ca: {
    weather: ['quin temps fa a CITY', 'el temps a CITY', 'plourà demà a CITY'],
    greet: ['hola', 'bon dia', 'bona tarda'],
    ask: 'quin temps farà a CITY demà',
    number: ['tinc vint-i-dos anys', 22],
  },
  lb: {
    weather: ["wéi ass d'Wieder zu CITY", 'Wieder zu CITY', 'reent et muer zu CITY'],
    greet: ['moien', 'gudde moien', 'salut'],
    ask: "wéi ass d'Wieder haut zu CITY",
    number: ['ech sinn zweeanzwanzeg Joer al', 22],
  },
} as const;

describe.each(Object.entries(BOTS))('language %s', (language, bot) => {
  it('trains, predicts the right intent with its custom entity and reads number words', async () => {
    const model = await trainModel(
      parseDefinition({
        name: `bot_${language}`,
        language,
        entities: [{ name: 'city', entries: [{ value: 'Luxembourg', synonyms: ['Lëtzebuerg', 'Luxemburg'] }, { value: 'Barcelona' }] }],
        intents: [
          { name: 'weather', trainingSentences: [...bot.weather], parameters: [{ name: 'city', fragment: 'CITY', entity: 'city' }] },
          { name: 'greet', trainingSentences: [...bot.greet] },
          { name: 'age', trainingSentences: ['AGE'], parameters: [{ name: 'age', fragment: 'AGE', entity: 'base.number' }] },
        ],
      }),
    );
    const prediction = model.predict(bot.ask.replace('CITY', 'Barcelona'));
    expect(prediction.intent).toBe('weather');
    expect(prediction.matchedParameters).toContainEqual(expect.objectContaining({ name: 'city', value: 'Barcelona' }));
    expect(model.predict(bot.greet[1]).intent).toBe('greet');
    const age = model.predict(bot.number[0]);
    expect(age.matchedParameters).toContainEqual(expect.objectContaining({ name: 'age', value: bot.number[1] }));
  });
});
