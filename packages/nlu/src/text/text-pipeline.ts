/**
 * Normalise → tokenize → stem, per language: what the classifier sees of a text. Runs on every prediction, so it
 * is one regex pass plus a cached stem per word. Entity placeholders pass through unchanged, as one token.
 */
import { getLanguage } from '../languages/language-registry';
import type { Language } from '../languages/language';
import { LRUCache } from 'lru-cache';
import { foldWord } from './fold-text';
import { PLACEHOLDER_SOURCE, isPlaceholder } from './placeholder';

export interface ProcessedText {
  /** Normalised (NFKC, lowercase) word tokens; punctuation dropped; placeholders kept as-is. */
  words: string[];
  /** One stem per word (placeholders and numbers unchanged). */
  stems: string[];
}

/**
 * A placeholder; else a number with decimals ("3.5", "1,000"); else a run of letters, marks and digits. Everything
 * else (punctuation, apostrophes, "_") separates tokens: "what's" → what, s; "l'homme" → l, homme.
 */
const TOKEN = new RegExp(
  `(?<![\\p{L}\\p{N}_])${PLACEHOLDER_SOURCE}(?![\\p{L}\\p{N}_])|\\p{N}+(?:[.,]\\p{N}+)+|[\\p{L}\\p{M}\\p{N}]+`,
  'gu',
);
// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, on purpose
const ASCII = /^[\x00-\x7f]*$/;
const DIGIT = /\d/;
const STEM_CACHE_SIZE = 20_000;

export class TextPipeline {
  private readonly plugin: Language;
  private readonly stemCache = new LRUCache<string, string>({ max: STEM_CACHE_SIZE });

  /** Throws ParleyError INVALID_DEFINITION (field `language`) for a language that is not registered. */
  constructor(readonly language: string) {
    this.plugin = getLanguage(language);
  }

  process(text: string): ProcessedText {
    const normalised = ASCII.test(text) ? text : text.normalize('NFKC');
    const words: string[] = [];
    const stems: string[] = [];
    for (const [token] of normalised.matchAll(TOKEN)) {
      if (isPlaceholder(token)) {
        words.push(token);
        stems.push(token);
      } else {
        const word = token.toLowerCase();
        words.push(word);
        stems.push(this.stem(word));
      }
    }
    return { words, stems };
  }

  /** The stem of one lowercase word, as the classifier sees it. */
  stem(word: string): string {
    let stem = this.stemCache.get(word);
    if (stem === undefined) {
      stem = DIGIT.test(word) ? word : this.plugin.stem(word);
      if (this.plugin.foldAccents) stem = foldWord(stem);
      this.stemCache.set(word, stem);
    }
    return stem;
  }
}
