/**
 * Reads number words into values, per language: "twenty five" → 25, "dos mil trescientos" → 2300,
 * "quatre-vingt-dix-sept" → 97, "zweihundertfünfundzwanzig" → 225. Turns each word into atoms (a value, a
 * multiplier, a connector, a minus sign) that NumberScanner combines.
 */
import { LRUCache } from 'lru-cache';
import type { NumberWords } from '../languages/language';
import { foldWord } from '../text/fold-text';

export type AtomKind = 'value' | 'multiplier' | 'connector' | 'minus';

export interface Atom {
  kind: AtomKind;
  value: number;
  /** The word is also an article ("un"): alone it is no number. */
  article: boolean;
}

const MAX_COMPOUND_LENGTH = 60;

export class NumberWordReader {
  private readonly atoms = new Map<string, Atom>();
  /** Splits already tried; `atoms` undefined: the word is no compound of number words. */
  private readonly compounds = new LRUCache<string, { atoms: Atom[] | undefined }>({ max: 2_000 });
  private readonly longestPiece: number;
  /** How many words the longest multi-word value ("quatre vingt") spans. */
  readonly maxPhraseWords: number;

  constructor(private readonly words: NumberWords) {
    const articles = new Set(words.articles.map(foldWord));
    for (const [word, value] of Object.entries(words.values)) {
      const key = foldWord(word);
      this.atoms.set(key, { kind: 'value', value, article: articles.has(key) });
    }
    for (const [word, value] of Object.entries(words.multipliers))
      this.atoms.set(foldWord(word), { kind: 'multiplier', value, article: false });
    for (const word of words.connectors) this.atoms.set(foldWord(word), { kind: 'connector', value: 0, article: false });
    for (const word of words.minus) this.atoms.set(foldWord(word), { kind: 'minus', value: 0, article: false });
    const keys = [...this.atoms.keys()];
    this.longestPiece = Math.max(0, ...keys.map((key) => key.length));
    this.maxPhraseWords = Math.max(1, ...keys.map((key) => key.split(' ').length));
  }

  /** The atoms of one folded word (or of several words joined by one space); undefined when it is no number word. */
  read(word: string): Atom[] | undefined {
    const atom = this.atoms.get(word);
    if (atom !== undefined) return [atom];
    if (!this.words.compounds || word.includes(' ') || word.length > MAX_COMPOUND_LENGTH) return undefined;
    let split = this.compounds.get(word);
    if (split === undefined) {
      split = { atoms: this.split(word, 0) };
      this.compounds.set(word, split);
    }
    return split.atoms;
  }

  /** Splits a compound into known pieces, longest piece first, backtracking when the rest does not split. */
  private split(word: string, from: number): Atom[] | undefined {
    if (from === word.length) return [];
    for (let end = Math.min(word.length, from + this.longestPiece); end > from; end--) {
      const atom = this.atoms.get(word.slice(from, end));
      if (atom === undefined || atom.kind === 'minus') continue;
      const rest = this.split(word, end);
      if (rest !== undefined) return [{ ...atom, article: false }, ...rest];
    }
    return undefined;
  }
}
