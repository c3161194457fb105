/** JsonValue ↔ google.protobuf.Value / Struct, the wire form of parameter values and their info. */
import type { JsonObject, JsonValue } from '@parley/domain';
import type * as nluV1 from './generated/parley/nlu/v1';

type Value = NonNullable<nluV1.MatchedParameter['value']>;
type Value__Output = NonNullable<nluV1.MatchedParameter__Output['value']>;
type Struct = NonNullable<nluV1.MatchedParameter['info']>;
type Struct__Output = NonNullable<nluV1.MatchedParameter__Output['info']>;

export function toWireValue(value: JsonValue): Value {
  if (value === null) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(toWireValue) } };
  return { structValue: toWireStruct(value) };
}

export function toWireStruct(object: JsonObject): Struct {
  return { fields: Object.fromEntries(Object.entries(object).map(([key, value]) => [key, toWireValue(value)])) };
}

/** An absent Value is JSON null: that is how "parameter not found" travels. */
export function fromWireValue(value: Value__Output | null | undefined): JsonValue {
  switch (value?.kind) {
    case 'numberValue':
      return value.numberValue ?? 0;
    case 'stringValue':
      return value.stringValue ?? '';
    case 'boolValue':
      return value.boolValue ?? false;
    case 'structValue':
      return fromWireStruct(value.structValue);
    case 'listValue':
      return (value.listValue?.values ?? []).map(fromWireValue);
    default:
      return null;
  }
}

export function fromWireStruct(struct: Struct__Output | null | undefined): JsonObject {
  return Object.fromEntries(Object.entries(struct?.fields ?? {}).map(([key, value]) => [key, fromWireValue(value)]));
}
