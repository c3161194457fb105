/** The registry of Language plugins, keyed by ISO 639-1 code; the built-in languages are registered on load. */
import { ParleyError } from '@parley/domain';
import { BUILTIN_LANGUAGES } from './builtin-languages';
import type { Language } from './language';

const languages = new Map<string, Language>();

/** Adds or replaces a language. Its code is matched case-insensitively. */
export function registerLanguage(language: Language): void {
  languages.set(language.code.toLowerCase(), language);
}

/** The language of that code; an unknown code is an invalid definition, naming the `language` field. */
export function getLanguage(code: string): Language {
  const language = languages.get(code.toLowerCase());
  if (language === undefined) {
    throw new ParleyError('INVALID_DEFINITION', `language: unsupported language "${code}" (supported: ${languageCodes().join(', ')})`, {
      field: 'language',
    });
  }
  return language;
}

export function languageCodes(): string[] {
  return [...languages.keys()].sort();
}

for (const language of BUILTIN_LANGUAGES) registerLanguage(language);
