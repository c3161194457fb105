/**
 * Step 1 of preparing a training sentence (BBF §3.1): each parameter's fragment, at its first whole-word,
 * case-insensitive occurrence, becomes its entity's placeholder ("weather in CITY" → "weather in ENT_CITY").
 */
import type { IntentDefinition } from '@parley/domain';

const patterns = new Map<string, RegExp>();

function fragmentPattern(fragment: string): RegExp {
  let pattern = patterns.get(fragment);
  if (pattern === undefined) {
    const escaped = fragment.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'iu');
    patterns.set(fragment, pattern);
  }
  return pattern;
}

export function replaceFragments(
  intent: IntentDefinition,
  sentence: string,
  placeholderOf: (entity: string) => string,
): string {
  let text = sentence;
  for (const parameter of intent.parameters) {
    if (parameter.fragment.trim() === '') continue;
    // A function replacement, so "$" in a placeholder is never read as a group reference.
    text = text.replace(fragmentPattern(parameter.fragment), () => placeholderOf(parameter.entity));
  }
  return text;
}
