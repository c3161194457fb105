/** The contract of one recognition step: find candidate values of its entities in the not-yet-taken text. */
import type { Candidate, RecognitionContext } from './recognition-context';

export interface EntityMatcher {
  /** The entity names this matcher may report. */
  readonly entities: readonly string[];
  /** Candidates in any order; the recognizer keeps those that do not overlap earlier matches. */
  find(context: RecognitionContext): Candidate[];
}
