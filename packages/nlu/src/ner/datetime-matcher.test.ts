import { describe, expect, it } from 'vitest';
import { EntityRecognizer } from './entity-recognizer';
import { definitionWith, intentUsing } from '@parley/testkit/nlu/definition-with';

/** Thursday 14 March 2024, 11:00 in Madrid (CET, +01:00); Spain moves to CEST (+02:00) on 31 March. */
const NOW = new Date('2024-03-14T10:00:00Z');

function datetimes(text: string, language = 'en') {
  const recognizer = new EntityRecognizer(
    definitionWith({ language, timezone: 'Europe/Madrid', intents: [intentUsing('base.datetime', 'base.datetime')] }),
  );
  return recognizer.recognize(text, NOW);
}

const valuesOf = (text: string, language = 'en') => datetimes(text, language).matches.map((m) => m.value);

describe('base.datetime', () => {
  it.each([
    ['2023-09-14', '2023-09-14T00:00:00+02:00'],
    ['at 08:30', '2024-03-14T08:30:00+01:00'],
    ['today', '2024-03-14T11:00:00+01:00'],
    ['tomorrow at 5pm', '2024-03-15T17:00:00+01:00'],
    ['in 2 weeks', '2024-03-28T11:00:00+01:00'],
    ['3 months ago', '2023-12-14T11:00:00+01:00'],
    ['next friday', '2024-03-22T00:00:00+01:00'],
  ])('reads "%s" relative to now in the configured timezone', (text, iso) => {
    expect(valuesOf(text)).toEqual([iso]);
  });

  it('uses the offset of the date it names, across a DST change', () => {
    expect(valuesOf('in 3 weeks')).toEqual(['2024-04-04T11:00:00+02:00']);
    expect(valuesOf('April 2nd at 9:15')).toEqual(['2024-04-02T09:15:00+02:00']);
  });

  it('keeps an explicit timezone in the text', () => {
    expect(valuesOf('tomorrow at 5pm UTC')).toEqual(['2024-03-15T18:00:00+01:00']);
  });

  it('says which components the text gave, with the fragment, as BBF does', () => {
    expect(datetimes('call me tomorrow at 5pm please').matches[0]?.info).toEqual({
      year: true,
      month: true,
      day: true,
      hour: true,
      minute: true,
      second: false,
      frag: 'tomorrow at 5pm',
    });
    expect(datetimes('2023-09-14').matches[0]?.info).toMatchObject({ year: true, month: true, day: true, hour: false, minute: false });
  });

  it('replaces the date by its placeholder', () => {
    expect(datetimes('book it for tomorrow at 5pm please').text).toBe('book it for ENT_BASE_DATETIME please');
  });

  it.each([
    ['es', 'mañana a las 17:00', '2024-03-15T17:00:00+01:00'],
    ['es', 'dentro de 2 semanas', '2024-03-28T11:00:00+01:00'],
    ['fr', 'demain à 17h', '2024-03-15T17:00:00+01:00'],
    ['de', 'ja, morgen um 17 Uhr', '2024-03-15T17:00:00+01:00'],
    ['it', 'domani alle 17', '2024-03-15T17:00:00+01:00'],
    ['pt', 'amanhã', '2024-03-15T11:00:00+01:00'],
    ['nl', 'morgen om 17:00', '2024-03-15T17:00:00+01:00'],
  ])('%s: reads "%s"', (language, text, iso) => {
    expect(valuesOf(text, language)).toEqual([iso]);
  });

  it('finds no date in a text without one, nor inside a word', () => {
    expect(valuesOf('what is the weather like')).toEqual([]);
    expect(valuesOf('may I have 5 pizzas')).toEqual([]);
    expect(valuesOf('the sun is out, we sat down')).toEqual([]);
    expect(valuesOf('I want it now').map((iso) => String(iso).slice(0, 16))).toEqual(['2024-03-14T11:00']);
    expect(valuesOf('Wir treffen uns morgen früh', 'de')).toEqual(['2024-03-15T11:00:00+01:00']);
  });
});
