/** base.url: web addresses with a scheme, "www." or a well-known top-level domain, as written. */
import type { EntityMatcher } from './entity-matcher';
import type { Candidate, RecognitionContext } from './recognition-context';

const TLDS = 'com|org|net|io|dev|app|ai|edu|gov|info|biz|co|eu|es|fr|de|it|pt|nl|be|ch|at|uk|us|ca|br|mx|ar';
const URL = new RegExp(
  [
    `(?<![\\p{L}\\p{N}@._/-])`,
    `(?:(?:https?|ftp)://[^\\s\\uE000]+`,
    `|www\\.[^\\s\\uE000]+`,
    `|(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}-])(?:[:/?#][^\\s\\uE000]*)?)`,
  ].join(''),
  'gu',
);
/** Sentence punctuation after a URL belongs to the sentence. */
const TRAILING = /[.,;:!?'")\]}]+$/;

export class UrlMatcher implements EntityMatcher {
  readonly entities = ['base.url'] as const;

  find(context: RecognitionContext): Candidate[] {
    const text = context.folded.text;
    if (!text.includes('.')) return [];
    const candidates: Candidate[] = [];
    for (const match of text.matchAll(URL)) {
      const length = match[0].replace(TRAILING, '').length;
      const span = context.toOriginal(match.index, match.index + length);
      candidates.push({ entity: 'base.url', ...span, value: context.text.slice(span.start, span.end), info: {} });
    }
    return candidates;
  }
}
