/** The scopes of a definition as intent indices: "*" (every intent) first, then each declared scope. */
import { ALL_INTENTS_SCOPE, ParleyError, type BotDefinition } from '@parley/domain';

export function scopeIntentIndices(definition: BotDefinition): Map<string, number[]> {
  const indexOf = new Map(definition.intents.map((intent, i) => [intent.name, i]));
  const scopes = new Map<string, number[]>([[ALL_INTENTS_SCOPE, definition.intents.map((_, i) => i)]]);
  definition.scopes.forEach((scope, s) => {
    const indices = scope.intents.map((name, i) => {
      const index = indexOf.get(name);
      if (index === undefined) {
        throw new ParleyError('INVALID_DEFINITION', `scopes[${s}].intents[${i}] names unknown intent "${name}"`, {
          field: `scopes[${s}].intents[${i}]`,
        });
      }
      return index;
    });
    scopes.set(scope.name, indices);
  });
  return scopes;
}
