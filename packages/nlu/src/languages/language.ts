/**
 * The Language plugin contract: everything the text pipeline and the entity recognizer need to know about one
 * language. A language is plain data plus a stemmer; adding one touches no core code (see language-registry.ts).
 * Word lists are written in their natural spelling; consumers fold case and accents themselves.
 */
import type { Chrono } from 'chrono-node';

/** Cardinal number words, read by the NER into JS numbers ("twenty five" → 25). */
export interface NumberWords {
  /** Words and their values. A key may hold several words ("quatre vingt"), matched across spaces or hyphens. */
  readonly values: Readonly<Record<string, number>>;
  /** Words that multiply what precedes them (hundred, thousand, million); alone they mean one of them. */
  readonly multipliers: Readonly<Record<string, number>>;
  /** Words allowed between two parts of one number: "and" in "one hundred and five". */
  readonly connectors: readonly string[];
  /** Words that negate the number after them ("minus three"). */
  readonly minus: readonly string[];
  /** Values that double as articles ("un", "ein"): a number only as part of a longer number phrase. */
  readonly articles: readonly string[];
  /** True where numbers are written as one word ("dreiundzwanzig"), so unknown words are split into known parts. */
  readonly compounds: boolean;
}

export interface BooleanWords {
  readonly true: readonly string[];
  readonly false: readonly string[];
}

export interface Language {
  /** ISO 639-1 code, lowercase: the key of the registry and of BotDefinition.language. */
  readonly code: string;
  readonly name: string;
  /** Stems one lowercase word. Called only on letter/digit tokens, never on placeholders. */
  stem(word: string): string;
  /** Whether stems drop diacritics, because writers of this language often omit accents ("cancion"). */
  readonly foldAccents: boolean;
  /** Decimal separator of written numbers; the other of "." and "," groups thousands. */
  readonly decimalSeparator: '.' | ',';
  readonly numberWords: NumberWords;
  /** Yes/no words and phrases for base.boolean. */
  readonly booleanWords: BooleanWords;
  /** Words that make a number a percentage ("percent"), besides "%". */
  readonly percentWords: readonly string[];
  /** Currency words and their ISO 4217 code ("euros" → EUR), besides symbols and codes. */
  readonly currencyWords: Readonly<Record<string, string>>;
  /**
   * Words that may start or carry a date without digits (weekdays, months, "tomorrow", "weeks"). A text with no
   * digit and none of these words skips the date parser, which keeps entity-free texts cheap.
   */
  readonly dateWords: readonly string[];
  /** chrono-node parser for this language; absent means English. */
  readonly dateParser?: Chrono;
}
