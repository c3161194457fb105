/**
 * Finds the numbers in folded text, written with digits ("-3.5", "1,000") or words ("minus three", "veintitrés",
 * "2 million"), and reads their values. Shared by base.number, base.money and base.percentage.
 */
import type { Language } from '../languages/language';
import { NumberAccumulator } from './number-accumulator';
import { NumberWordReader, type Atom } from './number-word-reader';
import { parseNumeral } from './parse-numeral';
import type { RecognitionContext } from './recognition-context';
import { isWordChar, type WordToken } from '../text/word-tokens';

export interface NumberSpan {
  /** Folded offsets. */
  start: number;
  end: number;
  value: number;
}

/** One numeral or number word (or phrase) of the text; `atoms` undefined for a numeral. */
interface Unit {
  start: number;
  end: number;
  numeral?: number;
  atoms?: Atom[];
  /** Only spaces or hyphens since the previous unit: they may belong to one number. */
  joined: boolean;
}

const DIGITS = /^\d+$/;
const HAS_DIGIT = /\d/;
const SIGNS = new Set(['-', '+', '−']);
const DECIMAL_MARKS = new Set(['.', ',']);

/** Only spaces or hyphens between two words: they may belong to one number ("twenty-five"). */
function isJoiningGap(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const char = text[i];
    if (char !== ' ' && char !== '-' && char !== '\t' && char !== '\n') return false;
  }
  return true;
}

type Found = { unit: Omit<Unit, 'joined'>; words: number } | undefined;

export class NumberScanner {
  private readonly reader: NumberWordReader;

  constructor(private readonly language: Language) {
    this.reader = new NumberWordReader(language.numberWords);
  }

  /** The numbers of the context's current (masked, folded) text; computed once per text. */
  numbersIn(context: RecognitionContext): NumberSpan[] {
    return context.memo('numbers', () => this.scan(context.folded.text, context.words));
  }

  /** `words`: the letter and digit runs of `text` (see wordTokens). */
  scan(text: string, words: readonly WordToken[]): NumberSpan[] {
    const units = this.units(text, words);
    const spans: NumberSpan[] = [];
    for (let i = 0; i < units.length;) {
      const read = readNumber(units, i);
      if (read === undefined) i++;
      else {
        spans.push(read.span);
        i = read.next;
      }
    }
    return spans;
  }

  private units(text: string, words: readonly WordToken[]): Array<Unit | undefined> {
    const units: Array<Unit | undefined> = [];
    let previousEnd = -1;
    for (let i = 0; i < words.length;) {
      const word = words[i];
      if (word === undefined) break;
      const joined = previousEnd >= 0 && isJoiningGap(text, previousEnd, word.start);
      let found: Found;
      if (DIGITS.test(word.text)) found = this.numeralUnit(text, words, i);
      else if (!HAS_DIGIT.test(word.text)) found = this.wordUnit(text, words, i);
      // undefined marks a word that is no number ("3pm", "pizza"): it ends any number before it.
      units.push(found === undefined ? undefined : { ...found.unit, joined });
      i += found?.words ?? 1;
      previousEnd = found?.unit.end ?? word.end;
    }
    return units;
  }

  /** Digits, with the decimal and thousands marks between digit runs ("1.000,5"), and a sign before them. */
  private numeralUnit(text: string, words: readonly WordToken[], i: number): Found {
    const first = words[i];
    if (first === undefined) return undefined;
    let last = i;
    for (let next = words[last + 1]; next !== undefined; next = words[last + 1]) {
      const end = words[last]?.end ?? 0;
      if (!(DECIMAL_MARKS.has(text[end] ?? '') && next.start === end + 1 && DIGITS.test(next.text))) break;
      last++;
    }
    let value = parseNumeral(text.slice(first.start, words[last]?.end), this.language.decimalSeparator);
    if (value === undefined) {
      // "1,2,3" is a list: read its first numeral.
      last = i;
      value = Number(first.text);
    }
    const sign = text[first.start - 1] ?? '';
    const signed = SIGNS.has(sign) && !isWordChar(text[first.start - 2]);
    const numeral = signed && sign !== '+' ? -value : value;
    return { unit: { start: signed ? first.start - 1 : first.start, end: words[last]?.end ?? first.end, numeral }, words: last - i + 1 };
  }

  /** The longest run of words from `i` that reads as number words (a phrase like "quatre vingt" first). */
  private wordUnit(text: string, words: readonly WordToken[], i: number): Found {
    for (let n = this.reader.maxPhraseWords; n >= 1; n--) {
      const run = words.slice(i, i + n);
      if (run.length < n) continue;
      if (n > 1 && run.some((w, k) => HAS_DIGIT.test(w.text) || (k > 0 && !isJoiningGap(text, run[k - 1]?.end ?? 0, w.start)))) continue;
      const atoms = this.reader.read(n === 1 ? (run[0]?.text ?? '') : run.map((w) => w.text).join(' '));
      const first = run[0];
      const last = run[n - 1];
      if (atoms !== undefined && first !== undefined && last !== undefined)
        return { unit: { start: first.start, end: last.end, atoms }, words: n };
    }
    return undefined;
  }
}

/** Reads the longest number starting at unit `i`; `next` is the first unit after it. */
function readNumber(units: Array<Unit | undefined>, i: number): { span: NumberSpan; next: number } | undefined {
  const first = units[i];
  if (first === undefined) return undefined;
  let k = i;
  let sign = 1;
  if (first.atoms?.length === 1 && first.atoms[0]?.kind === 'minus') {
    sign = -1;
    k++;
  }
  let accumulator = new NumberAccumulator();
  let end = -1;
  for (; k < units.length; k++) {
    const unit = units[k];
    if (unit === undefined || (k > i && !unit.joined)) break;
    let next = take(accumulator, unit);
    if (next === undefined && unit.atoms?.[0]?.kind === 'connector' && k > i) {
      const after = units[k + 1];
      next = after?.joined === true ? take(accumulator, after) : undefined;
      if (next !== undefined) k++;
    }
    if (next === undefined) break;
    accumulator = next;
    end = units[k]?.end ?? end;
  }
  const value = accumulator.value;
  if (value === undefined) return undefined;
  return { span: { start: first.start, end, value: sign * value }, next: k };
}

/** The accumulator after the whole unit, or undefined if any of its atoms cannot continue the number. */
function take(accumulator: NumberAccumulator, unit: Unit): NumberAccumulator | undefined {
  const next = accumulator.clone();
  if (unit.numeral !== undefined) return next.takeNumeral(unit.numeral) ? next : undefined;
  return (unit.atoms ?? []).every((atom) => next.take(atom)) ? next : undefined;
}
