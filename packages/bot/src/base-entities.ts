/** The base entities every bot can use in a parameter without declaring them, named `base.<kind>` as in BBF. */
import { BASE_ENTITIES, BASE_ENTITY_PREFIX, type BaseEntityKind } from '@parley/domain';
import { Entity } from './entity';

export const baseEntities: Readonly<Record<BaseEntityKind, Entity>> = Object.freeze(
  Object.fromEntries(BASE_ENTITIES.map((kind) => [kind, new Entity(`${BASE_ENTITY_PREFIX}${kind}`, [], { base: true })])) as Record<
    BaseEntityKind,
    Entity
  >,
);

export function isBaseEntity(entity: Entity): boolean {
  return entity.base && Object.values(baseEntities).includes(entity);
}
