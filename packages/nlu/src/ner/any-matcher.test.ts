import { describe, expect, it } from 'vitest';
import { EntityRecognizer } from './entity-recognizer';
import { definitionWith, intentWith } from '@parley/testkit/nlu/definition-with';

const introduce = intentWith('introduce', ['my name is NAME', 'call me NAME please', 'I am NAME'], [['name', 'NAME', 'base.any']]);
const travel = intentWith(
  'travel',
  ['I want to fly from ORIGIN to DESTINATION'],
  [
    ['origin', 'ORIGIN', 'base.any'],
    ['destination', 'DESTINATION', 'base.any'],
  ],
);
const greet = intentWith('greet', ['hello there', 'good morning']);
const recognizer = new EntityRecognizer(definitionWith({ intents: [introduce, travel, greet] }));

describe('base.any', () => {
  it('takes the text after the words that lead to the fragment', () => {
    const recognition = recognizer.recognize('Hi! My name is John Smith');
    expect(recognition.matches.map((m) => m.value)).toEqual(['John Smith']);
    expect(recognition.text).toBe('Hi! My name is ENT_BASE_ANY');
  });

  it('stops at the words that follow the fragment, or at the end of the sentence', () => {
    expect(recognizer.recognize('please call me Dr Ana Ruiz please').matches.map((m) => m.value)).toEqual(['Dr Ana Ruiz']);
    expect(recognizer.recognize('my name is Ana. What is yours?').matches.map((m) => m.value)).toEqual(['Ana']);
  });

  it('fills several any parameters in order', () => {
    const recognition = recognizer.recognize('I want to fly from New Delhi to São Paulo');
    expect(recognizer.parameters(travel, recognition)).toEqual([
      { name: 'origin', value: 'New Delhi', info: {} },
      { name: 'destination', value: 'São Paulo', info: {} },
    ]);
  });

  it('needs two context words, so a lone common word is no slot', () => {
    expect(recognizer.recognize('I am').matches).toEqual([]);
    expect(recognizer.recognize('hello there').matches).toEqual([]);
    expect(recognizer.recognize('to be or not to be').matches).toEqual([]);
  });

  it('prepares its own training sentences without reading the placeholder as a value', () => {
    expect(recognizer.prepareTrainingSentence(travel, 'I want to fly from ORIGIN to DESTINATION')).toBe(
      'I want to fly from ENT_BASE_ANY to ENT_BASE_ANY',
    );
  });
});
