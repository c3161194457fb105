import { ParleyError } from '@parley/domain';
import { describe, expect, it } from 'vitest';
import { TextPipeline } from '../text/text-pipeline';
import { EntityRecognizer } from './entity-recognizer';
import { definitionWith, intentUsing, intentWith } from '@parley/testkit/nlu/definition-with';

const NOW = new Date('2024-03-14T10:00:00Z');
const cities = {
  name: 'city',
  entries: [
    { value: 'Barcelona', synonyms: ['BCN', 'Barna'] },
    { value: 'New York', synonyms: ['NYC', 'New York City', 'the big apple'] },
    { value: 'York', synonyms: [] },
    { value: 'Málaga', synonyms: [] },
  ],
};
const weather = intentWith('weather', ['what is the weather in CITY?', 'weather in CITY tomorrow'], [['city1', 'CITY', 'city']]);
const trip = intentWith(
  'trip',
  ['from CITY1 to CITY2 on DAY'],
  [
    ['origin', 'CITY1', 'city'],
    ['destination', 'CITY2', 'city'],
    ['day', 'DAY', 'base.datetime'],
  ],
);
const recognizer = new EntityRecognizer(definitionWith({ entities: [cities], intents: [weather, trip], timezone: 'Europe/Madrid' }));

describe('EntityRecognizer: custom entities', () => {
  it('maps a synonym to its main value and replaces it by the placeholder', () => {
    const recognition = recognizer.recognize('Weather in BCN', NOW);
    expect(recognition.text).toBe('Weather in ENT_CITY');
    expect(recognition.matches).toEqual([{ entity: 'city', value: 'Barcelona', info: {}, fragment: 'BCN', start: 11, end: 14 }]);
  });

  it('matches whole words only, ignoring case and accents', () => {
    expect(recognizer.recognize('barna or MALAGA', NOW).matches.map((m) => m.value)).toEqual(['Barcelona', 'Málaga']);
    expect(recognizer.recognize('Barnaby and Yorkshire', NOW).matches).toEqual([]);
  });

  it('takes the longest value first', () => {
    const recognition = recognizer.recognize('I love new york city', NOW);
    expect(recognition.matches.map((m) => [m.value, m.fragment])).toEqual([['New York', 'new york city']]);
    expect(recognizer.recognize('the big apple', NOW).text).toBe('ENT_CITY');
  });

  it('matches a value once per parameter of its entity', () => {
    const recognition = recognizer.recognize('from Barcelona to Barcelona to Barcelona', NOW);
    expect(recognition.matches.map((m) => m.fragment)).toEqual(['Barcelona', 'Barcelona']);
    expect(recognition.text).toBe('from ENT_CITY to ENT_CITY to Barcelona');
  });
});

describe('EntityRecognizer: training sentences', () => {
  it('replaces the fragment by the placeholder, then literal values as in user text', () => {
    expect(recognizer.prepareTrainingSentence(weather, 'what is the weather in CITY?')).toBe('what is the weather in ENT_CITY?');
    expect(recognizer.prepareTrainingSentence(weather, 'is it sunny in Barcelona or CITY')).toBe('is it sunny in ENT_CITY or ENT_CITY');
  });

  it('replaces the first whole-word occurrence, ignoring case, preferring the exact spelling', () => {
    expect(recognizer.prepareTrainingSentence(weather, 'cityscape in city')).toBe('cityscape in ENT_CITY');
    const named = intentWith('name', [], [['name', 'NAME', 'base.any']]);
    const withAny = new EntityRecognizer(definitionWith({ intents: [named] }));
    expect(withAny.prepareTrainingSentence(named, 'my name is NAME')).toBe('my name is ENT_BASE_ANY');
  });

  it('gives training sentences and user text the same form for the classifier', () => {
    const pipeline = new TextPipeline('en');
    const training = pipeline.process(recognizer.prepareTrainingSentence(weather, 'weather in CITY tomorrow'));
    const user = pipeline.process(recognizer.recognize('Weather in NYC tomorrow?', NOW).text);
    expect(user.stems).toEqual(training.stems);
    expect(user.stems).toContain('ENT_CITY');
  });

  it('keeps placeholders already in a text and reads no entity into them', () => {
    const recognition = recognizer.recognize('from ENT_CITY to York', NOW);
    expect(recognition.text).toBe('from ENT_CITY to ENT_CITY');
    expect(recognition.matches.map((m) => m.value)).toEqual(['York']);
  });
});

describe('EntityRecognizer: parameters', () => {
  it('gives exactly one entry per declared parameter, in declaration order, null where not found', () => {
    const recognition = recognizer.recognize('from NYC to Barcelona', NOW);
    expect(recognizer.parameters(trip, recognition)).toEqual([
      { name: 'origin', value: 'New York', info: {} },
      { name: 'destination', value: 'Barcelona', info: {} },
      { name: 'day', value: null, info: {} },
    ]);
    expect(recognizer.parameters(trip, recognizer.recognize('hello', NOW)).map((p) => p.value)).toEqual([null, null, null]);
  });

  it('gives the n-th parameter of an entity the n-th match of that entity', () => {
    const recognition = recognizer.recognize('to York, from Barna, on friday', NOW);
    const parameters = recognizer.parameters(trip, recognition);
    expect(parameters.map((p) => p.value)).toEqual(['York', 'Barcelona', '2024-03-15T00:00:00+01:00']);
    expect(parameters[2]?.info).toMatchObject({ day: true, hour: false, frag: 'on friday' });
  });
});

describe('EntityRecognizer: search order', () => {
  const everything = new EntityRecognizer(
    definitionWith({
      intents: [
        intentUsing(
          'base.email',
          'base.url',
          'base.phone',
          'base.money',
          'base.percentage',
          'base.datetime',
          'base.number',
          'base.boolean',
        ),
      ],
    }),
  );

  it('lets earlier entities claim digits before numbers do', () => {
    const recognition = everything.recognize(
      'mail a1@b2.com, call +34 600 123 456, pay $20 with 15% off on 2023-09-14 for 3 people, yes',
      NOW,
    );
    expect(recognition.matches.map((m) => [m.entity, m.value])).toEqual([
      ['base.email', 'a1@b2.com'],
      ['base.phone', '+34600123456'],
      ['base.money', 20],
      ['base.percentage', 15],
      ['base.datetime', '2023-09-14T00:00:00+00:00'],
      ['base.number', 3],
      ['base.boolean', true],
    ]);
    expect(recognition.text).toBe(
      'mail ENT_BASE_EMAIL, call ENT_BASE_PHONE, pay ENT_BASE_MONEY with ENT_BASE_PERCENTAGE off on ENT_BASE_DATETIME for ENT_BASE_NUMBER people, ENT_BASE_BOOLEAN',
    );
  });

  it('searches only the entities some parameter uses', () => {
    const numbersOnly = new EntityRecognizer(definitionWith({ intents: [intentUsing('base.number')] }));
    expect(numbersOnly.recognize('yes, 2 at a@b.com', NOW).matches.map((m) => m.entity)).toEqual(['base.number']);
  });

  it('reports fragments and offsets of the original text', () => {
    const text = 'Ｃall me at +34 600 123 456!';
    for (const match of everything.recognize(text, NOW).matches) expect(text.slice(match.start, match.end)).toBe(match.fragment);
  });
});

describe('EntityRecognizer: invalid definitions', () => {
  const fieldOf = (make: () => unknown): string | undefined => {
    try {
      make();
    } catch (error) {
      expect(error).toBeInstanceOf(ParleyError);
      expect((error as ParleyError).code).toBe('INVALID_DEFINITION');
      expect((error as ParleyError).message).toContain((error as ParleyError).field);
      return (error as ParleyError).field;
    }
    return undefined;
  };

  it('names the field of an unknown entity, base entity, language or timezone', () => {
    expect(fieldOf(() => new EntityRecognizer(definitionWith({ intents: [intentUsing('base.number', 'planet')] })))).toBe(
      'intents[0].parameters[1].entity',
    );
    expect(fieldOf(() => new EntityRecognizer(definitionWith({ intents: [intentUsing('base.colour')] })))).toBe(
      'intents[0].parameters[0].entity',
    );
    expect(fieldOf(() => new EntityRecognizer(definitionWith({ language: 'xx' })))).toBe('language');
    expect(fieldOf(() => new EntityRecognizer(definitionWith({ timezone: 'Mars/Olympus' })))).toBe('config.timezone');
  });

  it('refuses two entities whose placeholders would be the same', () => {
    const entities = [
      { name: 'fruit-type', entries: [] },
      { name: 'fruit_type', entries: [] },
    ];
    expect(fieldOf(() => new EntityRecognizer(definitionWith({ entities, intents: [intentUsing('fruit-type', 'fruit_type')] })))).toBe(
      'entities',
    );
  });
});
