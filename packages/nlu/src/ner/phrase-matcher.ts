/**
 * Finds known phrases (entity values, yes/no words) in folded text as whole words, with a character trie: the cost
 * is a Map lookup per word start, however many phrases there are. Runs of spaces in the text match one space.
 */
import { foldWord } from '../text/fold-text';
import { isWordChar } from '../text/word-tokens';

export interface PhraseHit<T> {
  /** Folded offsets. */
  start: number;
  end: number;
  phrase: string;
  payload: T;
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  phrase?: string;
  payloads: T[];
}

const SPACE = /\s/;

/** Folds a phrase and collapses its spaces, as the trie stores it. */
function phraseKey(phrase: string): string {
  return foldWord(phrase).trim().replace(/\s+/g, ' ');
}

export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = { next: new Map(), payloads: [] };

  constructor(phrases: Iterable<readonly [string, T]>) {
    for (const [phrase, payload] of phrases) this.add(phraseKey(phrase), payload);
  }

  /** Every whole-word occurrence of every phrase, overlapping ones included. */
  findAll(text: string): Array<PhraseHit<T>> {
    const hits: Array<PhraseHit<T>> = [];
    for (let start = 0; start < text.length; start++) {
      if (isWordChar(text[start - 1]) || SPACE.test(text[start] ?? ' ')) continue;
      this.walk(text, start, hits);
    }
    return hits;
  }

  /** Whole-word occurrences, longest first, without overlaps; `accept` may refuse a hit (e.g. a use limit). */
  findLongest(text: string, accept: (hit: PhraseHit<T>) => boolean = () => true): Array<PhraseHit<T>> {
    const hits = this.findAll(text).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const chosen: Array<PhraseHit<T>> = [];
    for (const hit of hits) {
      if (chosen.some((c) => hit.start < c.end && c.start < hit.end)) continue;
      if (accept(hit)) chosen.push(hit);
    }
    return chosen.sort((a, b) => a.start - b.start);
  }

  private add(key: string, payload: T): void {
    if (key === '') return;
    let node = this.root;
    for (const char of key) {
      let child = node.next.get(char);
      if (child === undefined) {
        child = { next: new Map(), payloads: [] };
        node.next.set(char, child);
      }
      node = child;
    }
    node.phrase = key;
    node.payloads.push(payload);
  }

  private walk(text: string, start: number, hits: Array<PhraseHit<T>>): void {
    let node: TrieNode<T> | undefined = this.root;
    let i = start;
    while (node !== undefined && i < text.length) {
      const char = text[i] ?? '';
      if (SPACE.test(char)) {
        node = node.next.get(' ');
        while (i < text.length && SPACE.test(text[i] ?? '')) i++;
      } else {
        node = node.next.get(char);
        i++;
      }
      if (node?.phrase !== undefined && !isWordChar(text[i])) {
        for (const payload of node.payloads) hits.push({ start, end: i, phrase: node.phrase, payload });
      }
    }
  }
}
