/** Turns a word list into a RegExp alternation for folded text: folded, escaped, longest first, any spacing. */
import { foldWord } from '../text/fold-text';

export function wordPattern(words: Iterable<string>): string {
  const keys = [...new Set([...words].map((word) => foldWord(word).trim()))].filter((key) => key !== '');
  keys.sort((a, b) => b.length - a.length || a.localeCompare(b));
  return keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|');
}
