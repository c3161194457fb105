/** An intent: what a user means, learnt from training sentences; parameters name the entity values inside them. */
import type { IntentDefinition, IntentParameter } from '@parley/domain';
import type { BotRegistry } from './bot-registry';
import { checkName, definitionError } from './definition-error';
import { isBaseEntity } from './base-entities';
import { Entity } from './entity';

export class Intent {
  readonly name: string;
  readonly description: string | undefined;
  readonly trainingSentences: readonly string[];
  readonly #parameters: IntentParameter[] = [];
  readonly #registry: BotRegistry;

  /** Create intents with `bot.newIntent`, which registers them. */
  constructor(name: string, trainingSentences: string[], description: string | undefined, registry: BotRegistry) {
    this.name = name;
    this.description = description;
    this.trainingSentences = Object.freeze([...trainingSentences]);
    this.#registry = registry;
  }

  get parameters(): readonly IntentParameter[] {
    return this.#parameters.map((parameter) => ({ ...parameter }));
  }

  /** Declares that `fragment` in the training sentences stands for a value of `entity`, read back as `name`. */
  parameter(name: string, fragment: string, entity: Entity): this {
    const field = `intents.${this.name}.parameters`;
    this.#registry.assertOpen(`add parameter '${String(name)}' to intent '${this.name}'`);
    checkName(name, 'parameter', field);
    checkName(fragment, `fragment of parameter '${name}'`, field);
    if (this.#parameters.some((parameter) => parameter.name === name)) {
      throw definitionError(`intent '${this.name}' already has a parameter named '${name}'`, field);
    }
    if (!(entity instanceof Entity) || !(isBaseEntity(entity) || this.#registry.ownsEntity(entity))) {
      throw definitionError(
        `parameter '${name}' of intent '${this.name}' needs an entity of bot '${this.#registry.botName}' ` +
          '(bot.newEntity) or a base entity (baseEntities.number, …)',
        field,
      );
    }
    if (!this.trainingSentences.some((sentence) => sentence.includes(fragment))) {
      throw definitionError(
        `fragment '${fragment}' of parameter '${name}' appears in no training sentence of intent '${this.name}'`,
        field,
      );
    }
    this.#parameters.push({ name, fragment, entity: entity.name });
    return this;
  }

  toDefinition(): IntentDefinition {
    const definition: IntentDefinition = {
      name: this.name,
      trainingSentences: [...this.trainingSentences],
      parameters: this.parameters.map((parameter) => ({ ...parameter })),
    };
    if (this.description !== undefined) definition.description = this.description;
    return definition;
  }
}
