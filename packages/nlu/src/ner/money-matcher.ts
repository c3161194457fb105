/**
 * base.money: a number with a currency symbol, ISO code or currency word on either side ("$20", "20 euros",
 * "€ 5.50", "EUR 12") → the amount as a number, with info.currency as its ISO 4217 code.
 */
import type { Language } from '../languages/language';
import { foldWord } from '../text/fold-text';
import type { EntityMatcher } from './entity-matcher';
import type { NumberScanner } from './number-scanner';
import type { Candidate, RecognitionContext } from './recognition-context';
import { wordPattern } from './word-pattern';

const SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  us$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  r$: 'BRL',
  '₩': 'KRW',
  '₺': 'TRY',
};
const CODES = ['usd', 'eur', 'gbp', 'jpy', 'chf', 'cad', 'aud', 'mxn', 'brl', 'inr', 'cny', 'sek', 'nok', 'dkk'];

export class MoneyMatcher implements EntityMatcher {
  readonly entities = ['base.money'] as const;
  private readonly codes = new Map<string, string>();
  private readonly before: RegExp;
  private readonly after: RegExp;

  constructor(
    language: Language,
    private readonly scanner: NumberScanner,
  ) {
    for (const code of CODES) this.codes.set(code, code.toUpperCase());
    for (const [word, code] of Object.entries(language.currencyWords)) this.codes.set(foldWord(word), code);
    const symbols = wordPattern(Object.keys(SYMBOLS));
    const words = wordPattern(this.codes.keys());
    this.before = new RegExp(`(?:(${symbols})|(?<![\\p{L}\\p{N}])(${words}))\\s?$`, 'u');
    this.after = new RegExp(`^\\s?(?:(${symbols})|(${words})(?![\\p{L}\\p{N}]))`, 'u');
  }

  find(context: RecognitionContext): Candidate[] {
    const text = context.folded.text;
    const candidates: Candidate[] = [];
    for (const number of this.scanner.numbersIn(context)) {
      const before = this.before.exec(text.slice(Math.max(0, number.start - 6), number.start));
      const after = before === null ? this.after.exec(text.slice(number.end, number.end + 24)) : null;
      const currency = this.currency(before ?? after);
      if (currency === undefined) continue;
      const start = before === null ? number.start : number.start - before[0].length;
      const end = after === null ? number.end : number.end + after[0].length;
      candidates.push({ entity: 'base.money', ...context.toOriginal(start, end), value: number.value, info: { currency } });
    }
    return candidates;
  }

  private currency(match: RegExpExecArray | null): string | undefined {
    if (match === null) return undefined;
    const [, symbol, word] = match;
    return symbol !== undefined ? SYMBOLS[symbol] : word !== undefined ? this.codes.get(word.replace(/\s+/g, ' ')) : undefined;
  }
}
