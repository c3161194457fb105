/** base.percentage: a number followed by "%" or a percent word ("15%", "twenty percent") → the number (15). */
import type { Language } from '../languages/language';
import type { EntityMatcher } from './entity-matcher';
import type { NumberScanner } from './number-scanner';
import type { Candidate, RecognitionContext } from './recognition-context';
import { wordPattern } from './word-pattern';

export class PercentageMatcher implements EntityMatcher {
  readonly entities = ['base.percentage'] as const;
  private readonly after: RegExp;

  constructor(
    language: Language,
    private readonly scanner: NumberScanner,
  ) {
    this.after = new RegExp(`^\\s?(?:%|(?:${wordPattern(language.percentWords)})(?![\\p{L}\\p{N}]))`, 'u');
  }

  find(context: RecognitionContext): Candidate[] {
    const text = context.folded.text;
    const candidates: Candidate[] = [];
    for (const number of this.scanner.numbersIn(context)) {
      const after = this.after.exec(text.slice(number.end, number.end + 16));
      if (after === null) continue;
      const span = context.toOriginal(number.start, number.end + after[0].length);
      candidates.push({ entity: 'base.percentage', ...span, value: number.value, info: {} });
    }
    return candidates;
  }
}
