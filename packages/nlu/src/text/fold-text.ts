/**
 * Case- and accent-folding ("Mañana" → "manana", "ＡＢＣ" → "abc") with a map back to the original offsets, so a
 * match found on the folded text points at what the user wrote.
 */
import { LRUCache } from 'lru-cache';

export interface FoldedText {
  readonly text: string;
  /** Offset in the original text of folded offset `index` (0 ≤ index ≤ text.length). */
  toOriginal(index: number): number;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, on purpose
const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /\p{M}/gu;
const charFolds = new LRUCache<string, string>({ max: 4096 });
const identity = (index: number): number => index;

function foldChar(char: string): string {
  let folded = charFolds.get(char);
  if (folded === undefined) {
    folded = char.normalize('NFKD').replace(MARKS, '').toLowerCase();
    charFolds.set(char, folded);
  }
  return folded;
}

export function foldText(text: string): FoldedText {
  if (ASCII.test(text)) return { text: text.toLowerCase(), toOriginal: identity };
  let folded = '';
  // Only built once some character folds to a different length ("ﬁ" → "fi", a lone combining mark → "").
  let starts: number[] | undefined;
  for (let i = 0; i < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    const out = foldChar(char);
    if (starts === undefined && out.length !== char.length) starts = Array.from({ length: folded.length }, (_, k) => k);
    if (starts !== undefined) for (let k = 0; k < out.length; k++) starts.push(i);
    folded += out;
    i += char.length;
  }
  if (starts === undefined) return { text: folded, toOriginal: identity };
  const map = starts;
  return { text: folded, toOriginal: (index) => (index >= map.length ? text.length : (map[index] ?? text.length)) };
}

/** Folds a word or phrase of a word list the same way as the text it is matched against. */
export function foldWord(word: string): string {
  return foldText(word).text;
}
