/**
 * Step 1 of preparing a training sentence (BBF §3.1): each parameter's fragment, at its first whole-word,
 * case-insensitive occurrence, becomes its entity's placeholder ("weather in CITY" → "weather in ENT_CITY").
 * Unlike BBF, an occurrence spelt exactly as the fragment is preferred to an earlier one in another case.
 */
import type { IntentDefinition } from '@parley/domain';
import { LRUCache } from 'lru-cache';

const patterns = new LRUCache<string, RegExp>({ max: 1_000 });

function fragmentPattern(fragment: string, flags: 'u' | 'iu'): RegExp {
  const key = `${flags} ${fragment}`;
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    const escaped = fragment.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, flags);
    patterns.set(key, pattern);
  }
  return pattern;
}

export function replaceFragments(intent: IntentDefinition, sentence: string, placeholderOf: (entity: string) => string): string {
  let text = sentence;
  for (const parameter of intent.parameters) {
    if (parameter.fragment.trim() === '') continue;
    // The exact spelling first: in "my name is NAME" the fragment NAME is the last word, not "name".
    const exact = fragmentPattern(parameter.fragment, 'u');
    const pattern = exact.test(text) ? exact : fragmentPattern(parameter.fragment, 'iu');
    // A function replacement, so "$" in a placeholder is never read as a group reference.
    text = text.replace(pattern, () => placeholderOf(parameter.entity));
  }
  return text;
}
