import { ParleyError } from '@parley/domain';
import { describe, expect, it } from 'vitest';
import { TextPipeline } from '../text/text-pipeline';
import { english } from './english';
import type { Language } from './language';
import { getLanguage, languageCodes, registerLanguage } from './language-registry';

describe('language registry', () => {
  it('has BBF languages built in', () => {
    expect(languageCodes()).toEqual(expect.arrayContaining(['ca', 'de', 'en', 'es', 'fr', 'it', 'lb', 'nl', 'pt']));
    expect(getLanguage('en')).toBe(english);
    expect(getLanguage('EN')).toBe(english);
  });

  it('refuses an unknown code as an invalid definition naming the language field', () => {
    expect(() => getLanguage('xx')).toThrowError(ParleyError);
    try {
      getLanguage('xx');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_DEFINITION', field: 'language' });
      expect((error as Error).message).toMatch(/language.*"xx"/);
    }
  });

  it('takes a new language without touching core code', () => {
    const pigLatin: Language = {
      ...english,
      code: 'zz',
      name: 'Test language',
      stem: (word) => word.slice(0, 3),
    };
    registerLanguage(pigLatin);
    expect(new TextPipeline('zz').process('Running quickly').stems).toEqual(['run', 'qui']);
  });
});
