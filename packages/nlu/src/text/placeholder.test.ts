import { describe, expect, it } from 'vitest';
import { isPlaceholder, placeholderFor } from './placeholder';

describe('placeholderFor', () => {
  it('spells the entity name in upper case after ENT_', () => {
    expect(placeholderFor('city')).toBe('ENT_CITY');
    expect(placeholderFor('base.number')).toBe('ENT_BASE_NUMBER');
    expect(placeholderFor('my-fancy  entity')).toBe('ENT_MY_FANCY_ENTITY');
    expect(placeholderFor('Año')).toBe('ENT_ANO');
  });

  it('spells other scripts as code points, so names stay distinct', () => {
    expect(placeholderFor('城市')).toBe('ENT_X57CEX5E02');
    expect(placeholderFor('城市')).not.toBe(placeholderFor('城'));
  });

  it('recognises exactly its own forms', () => {
    for (const name of ['city', 'base.datetime', '城市', '!!!']) expect(isPlaceholder(placeholderFor(name))).toBe(true);
    for (const token of ['ent_city', 'ENT_', 'ENT_CITY_', 'CITY', 'xENT_CITY']) expect(isPlaceholder(token)).toBe(false);
  });
});
