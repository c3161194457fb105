/**
 * The state of one recognition: the input, the spans already taken, and lazily computed views of the text with
 * those spans masked out, so a later entity never re-reads digits an earlier one claimed.
 */
import type { JsonObject, JsonValue } from '@parley/domain';
import { foldText, type FoldedText } from '../text/fold-text';
import { wordTokens, type WordToken } from '../text/word-tokens';
import type { EntityMatch } from './recognition';

/** A value found by a matcher, in offsets of the original text. */
export interface Candidate {
  entity: string;
  start: number;
  end: number;
  value: JsonValue;
  info: JsonObject;
}

/** Stands in for taken characters: neither letter, digit nor space, so it also breaks words and numbers apart. */
const MASK = '\uE000';

interface View {
  masked: string;
  folded: FoldedText;
  words?: WordToken[];
  memo: Map<string, unknown>;
}

export class RecognitionContext {
  readonly matches: EntityMatch[] = [];
  private readonly taken: Array<{ start: number; end: number }> = [];
  private view: View | undefined;

  constructor(
    readonly text: string,
    readonly now: Date,
  ) {}

  /** The text with every taken span replaced by MASK characters (same length, same offsets). */
  get masked(): string {
    return this.current().masked;
  }

  /** The masked text, case- and accent-folded. */
  get folded(): FoldedText {
    return this.current().folded;
  }

  /** The words (letter and digit runs) of the folded text, in folded offsets. */
  get words(): WordToken[] {
    const view = this.current();
    view.words ??= wordTokens(view.folded.text);
    return view.words;
  }

  /** Computes once per view: what several matchers derive from the same masked text (e.g. the numbers in it). */
  memo<T>(key: string, compute: () => T): T {
    const { memo } = this.current();
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  }

  isFree(start: number, end: number): boolean {
    return start < end && this.taken.every((span) => end <= span.start || start >= span.end);
  }

  /** Masks a span without reporting it: placeholders already in the text. */
  reserve(start: number, end: number): void {
    this.taken.push({ start, end });
    this.view = undefined;
  }

  /** Records a match unless it overlaps one taken before; returns whether it was taken. */
  accept(candidate: Candidate): boolean {
    if (!this.isFree(candidate.start, candidate.end)) return false;
    const { entity, value, info, start, end } = candidate;
    this.matches.push({ entity, value, info, fragment: this.text.slice(start, end), start, end });
    this.reserve(start, end);
    return true;
  }

  /** Folded offsets → original offsets, for a span found on the folded text. */
  toOriginal(start: number, end: number): { start: number; end: number } {
    const { folded } = this;
    return { start: folded.toOriginal(start), end: folded.toOriginal(end) };
  }

  private current(): View {
    if (this.view === undefined) {
      let masked = this.text;
      for (const { start, end } of this.taken) masked = masked.slice(0, start) + MASK.repeat(end - start) + masked.slice(end);
      this.view = { masked, folded: foldText(masked), memo: new Map() };
    }
    return this.view;
  }
}
