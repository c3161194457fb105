/** base.email: an address as written ("Ana.Lopez@example.com"). */
import type { EntityMatcher } from './entity-matcher';
import type { Candidate, RecognitionContext } from './recognition-context';

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

export class EmailMatcher implements EntityMatcher {
  readonly entities = ['base.email'] as const;

  find(context: RecognitionContext): Candidate[] {
    const text = context.folded.text;
    if (!text.includes('@')) return [];
    return [...text.matchAll(EMAIL)].map((match) => {
      const span = context.toOriginal(match.index, match.index + match[0].length);
      return { entity: 'base.email', ...span, value: context.text.slice(span.start, span.end), info: {} };
    });
  }
}
