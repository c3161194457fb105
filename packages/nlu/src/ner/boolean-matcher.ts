/** base.boolean: the language's yes/no words and phrases ("yes", "of course not", "claro que sí") → true/false. */
import type { Language } from '../languages/language';
import type { EntityMatcher } from './entity-matcher';
import { PhraseMatcher } from './phrase-matcher';
import type { Candidate, RecognitionContext } from './recognition-context';

export class BooleanMatcher implements EntityMatcher {
  readonly entities = ['base.boolean'] as const;
  private readonly phrases: PhraseMatcher<boolean>;

  constructor(language: Language) {
    const { booleanWords } = language;
    this.phrases = new PhraseMatcher([
      ...booleanWords.true.map((word) => [word, true] as const),
      ...booleanWords.false.map((word) => [word, false] as const),
    ]);
  }

  find(context: RecognitionContext): Candidate[] {
    return this.phrases.findLongest(context.folded.text).map((hit) => ({
      entity: 'base.boolean',
      ...context.toOriginal(hit.start, hit.end),
      value: hit.payload,
      info: {},
    }));
  }
}
