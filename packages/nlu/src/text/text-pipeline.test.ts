import { describe, expect, it } from 'vitest';
import { placeholderFor } from './placeholder';
import { TextPipeline } from './text-pipeline';

describe('TextPipeline', () => {
  const english = new TextPipeline('en');

  it('normalises with NFKC and lowercases', () => {
    expect(english.process('ＨＥＬＬＯ ﬁne Café').words).toEqual(['hello', 'fine', 'café']);
  });

  it('drops punctuation and splits at apostrophes', () => {
    expect(english.process("What's the weather, today?! I'm (very) happy...").words).toEqual([
      'what',
      's',
      'the',
      'weather',
      'today',
      'i',
      'm',
      'very',
      'happy',
    ]);
    expect(new TextPipeline('fr').process("L'homme d'aujourd'hui").words).toEqual(['l', 'homme', 'd', 'aujourd', 'hui']);
  });

  it('keeps a number with decimals as one token and does not stem it', () => {
    expect(english.process('pay 3.50 or 1,000 now')).toEqual({
      words: ['pay', '3.50', 'or', '1,000', 'now'],
      stems: ['pai', '3.50', 'or', '1,000', 'now'],
    });
  });

  it('stems each word per language', () => {
    expect(english.process('The dogs were running').stems).toEqual(['the', 'dog', 'were', 'run']);
    expect(new TextPipeline('es').process('Estoy cantando canciones').stems).toEqual(['estoy', 'cant', 'cancion']);
    expect(new TextPipeline('de').process('Die Häuser').stems).toEqual(['die', 'haus']);
  });

  it('folds accents out of stems, so a missing accent does not change the word', () => {
    const spanish = new TextPipeline('es');
    expect(spanish.process('qué canción').stems).toEqual(spanish.process('que cancion').stems);
  });

  it('keeps entity placeholders as one token, neither lowercased nor stemmed', () => {
    const city = placeholderFor('city');
    const number = placeholderFor('base.number');
    const processed = english.process(`Weather in ${city}, for ${number}.days running`);
    expect(processed.words).toEqual(['weather', 'in', city, 'for', number, 'days', 'running']);
    expect(processed.stems).toEqual(['weather', 'in', city, 'for', number, 'dai', 'run']);
  });

  it('does not take a placeholder glued into a word for one', () => {
    expect(english.process('xENT_CITY').words).toEqual(['xent', 'city']);
  });

  it('returns nothing for a text without words', () => {
    expect(english.process(' ?! … ')).toEqual({ words: [], stems: [] });
  });

  it('refuses an unknown language', () => {
    expect(() => new TextPipeline('xx')).toThrowError(/language/);
  });
});
