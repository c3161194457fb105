/**
 * Finds the numbers in folded text, written with digits ("-3.5", "1,000") or words ("minus three", "veintitrés",
 * "2 million"), and reads their values. Shared by base.number, base.money and base.percentage.
 */
import type { Language } from '../languages/language';
import { NumberAccumulator } from './number-accumulator';
import { NumberWordReader, type Atom } from './number-word-reader';
import { parseNumeral } from './parse-numeral';

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

const TOKEN = /\d+(?:[.,]\d+)*|\p{L}+/gu;
const JOINING_GAP = /^[\s-]+$/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SIGNS = new Set(['-', '+', '−']);

export class NumberScanner {
  private readonly reader: NumberWordReader;

  constructor(private readonly language: Language) {
    this.reader = new NumberWordReader(language.numberWords);
  }

  scan(text: string): NumberSpan[] {
    const units = this.units(text);
    const spans: NumberSpan[] = [];
    for (let i = 0; i < units.length; ) {
      const read = readNumber(units, i);
      if (read === undefined) i++;
      else {
        spans.push(read.span);
        i = read.next;
      }
    }
    return spans;
  }

  private units(text: string): Array<Unit | undefined> {
    const tokens = [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
    const units: Array<Unit | undefined> = [];
    let previousEnd = -1;
    for (let i = 0; i < tokens.length; ) {
      const token = tokens[i];
      if (token === undefined) break;
      const joined = previousEnd >= 0 && JOINING_GAP.test(text.slice(previousEnd, token.start));
      const found = /\d/.test(token.text) ? this.numeralUnit(text, token) : this.wordUnit(text, tokens, i);
      // undefined marks a word that is no number: it ends any number before it.
      units.push(found === undefined ? undefined : { ...found.unit, joined });
      i += found?.tokens ?? 1;
      previousEnd = found?.unit.end ?? token.end;
    }
    return units;
  }

  private numeralUnit(text: string, token: { text: string; start: number; end: number }) {
    if (LETTER_OR_DIGIT.test(text[token.start - 1] ?? '') || LETTER_OR_DIGIT.test(text[token.end] ?? '')) return undefined;
    const value = parseNumeral(token.text, this.language.decimalSeparator);
    if (value === undefined) return undefined;
    const sign = text[token.start - 1] ?? '';
    const signed = SIGNS.has(sign) && !LETTER_OR_DIGIT.test(text[token.start - 2] ?? '');
    const negative = signed && sign !== '+';
    return { unit: { start: signed ? token.start - 1 : token.start, end: token.end, numeral: negative ? -value : value }, tokens: 1 };
  }

  /** The longest run of words from `i` that reads as number words (a phrase like "quatre vingt" first). */
  private wordUnit(text: string, tokens: Array<{ text: string; start: number; end: number }>, i: number) {
    for (let n = this.reader.maxPhraseWords; n >= 1; n--) {
      const run = tokens.slice(i, i + n);
      if (run.length < n || run.some((t, k) => /\d/.test(t.text) || (k > 0 && !JOINING_GAP.test(text.slice(run[k - 1]?.end, t.start))))) continue;
      const atoms = this.reader.read(run.map((t) => t.text).join(' '));
      const first = run[0];
      const last = run[n - 1];
      if (atoms !== undefined && first !== undefined && last !== undefined) return { unit: { start: first.start, end: last.end, atoms }, tokens: n };
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
