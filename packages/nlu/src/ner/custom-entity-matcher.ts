/**
 * Custom entities (BBF §3.3): entry values and synonyms found as whole words, ignoring case and accents, longest
 * first; a synonym reports its entry's main value. A value or synonym is taken at most as many times as an intent
 * has parameters of its entity, the BBF rule that lets "from BCN to Madrid" fill two city parameters.
 */
import type { EntityDefinition } from '@parley/domain';
import type { EntityMatcher } from './entity-matcher';
import { PhraseMatcher, type PhraseHit } from './phrase-matcher';
import type { Candidate, RecognitionContext } from './recognition-context';

interface Literal {
  entity: string;
  value: string;
}

export class CustomEntityMatcher implements EntityMatcher {
  readonly entities: readonly string[];
  private readonly phrases: PhraseMatcher<Literal>;

  /** `uses`: how many times one literal of each entity may be matched in one text (at least 1). */
  constructor(
    definitions: readonly EntityDefinition[],
    private readonly uses: ReadonlyMap<string, number>,
  ) {
    this.entities = definitions.map((entity) => entity.name);
    this.phrases = new PhraseMatcher(
      definitions.flatMap((entity) =>
        entity.entries.flatMap((entry) =>
          [entry.value, ...entry.synonyms].map((literal) => [literal, { entity: entity.name, value: entry.value }] as const),
        ),
      ),
    );
  }

  find(context: RecognitionContext): Candidate[] {
    const counts = new Map<string, number>();
    const withinLimit = (hit: PhraseHit<Literal>): boolean => {
      const key = `${hit.payload.entity}\u0000${hit.phrase}`;
      const count = counts.get(key) ?? 0;
      if (count >= (this.uses.get(hit.payload.entity) ?? 1)) return false;
      counts.set(key, count + 1);
      return true;
    };
    return this.phrases.findLongest(context.folded.text, withinLimit).map((hit) => ({
      entity: hit.payload.entity,
      ...context.toOriginal(hit.start, hit.end),
      value: hit.payload.value,
      info: {},
    }));
  }
}
