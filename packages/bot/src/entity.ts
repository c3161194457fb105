/** An entity: the kind of value an intent parameter holds, a custom list of entries with synonyms or a base entity. */
import type { EntityDefinition, EntityEntry } from '@parley/domain';

export class Entity {
  readonly name: string;
  readonly description: string | undefined;
  readonly entries: readonly EntityEntry[];
  /** Base entities (`base.number`, …) are recognised by the NLU itself and never listed in a definition. */
  readonly base: boolean;

  constructor(name: string, entries: EntityEntry[], options: { description?: string; base?: boolean } = {}) {
    this.name = name;
    this.description = options.description;
    this.entries = Object.freeze(entries.map((entry) => Object.freeze({ ...entry, synonyms: [...entry.synonyms] })));
    this.base = options.base ?? false;
    Object.freeze(this);
  }

  toDefinition(): EntityDefinition {
    const definition: EntityDefinition = {
      name: this.name,
      entries: this.entries.map((entry) => ({ value: entry.value, synonyms: [...entry.synonyms] })),
    };
    if (this.description !== undefined) definition.description = this.description;
    return definition;
  }
}
