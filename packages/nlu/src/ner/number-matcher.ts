/** base.number: every number left after the entities searched before it, as a JS number ("minus three" → -3). */
import type { EntityMatcher } from './entity-matcher';
import type { NumberScanner } from './number-scanner';
import type { Candidate, RecognitionContext } from './recognition-context';

export class NumberMatcher implements EntityMatcher {
  readonly entities = ['base.number'] as const;

  constructor(private readonly scanner: NumberScanner) {}

  find(context: RecognitionContext): Candidate[] {
    return this.scanner.numbersIn(context).map((number) => ({
      entity: 'base.number',
      ...context.toOriginal(number.start, number.end),
      value: number.value,
      info: {},
    }));
  }
}
