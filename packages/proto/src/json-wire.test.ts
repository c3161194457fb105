/** google.protobuf.Value/Struct ↔ JSON values, as proto-loader hands them over. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { JsonValue } from '@parley/domain';
import type * as nluV1 from './generated/parley/nlu/v1';
import { fromWireValue, toWireValue } from './json-wire';

type Sent = ReturnType<typeof toWireValue>;
type Received = NonNullable<nluV1.MatchedParameter__Output['value']>;
const KINDS = ['nullValue', 'numberValue', 'stringValue', 'boolValue', 'structValue', 'listValue'] as const;

// What proto-loader hands back: oneofs name their case in `kind`.
function asReceived(value: Sent): Received {
  const received = { ...value, kind: KINDS.find((key) => value[key] !== undefined) } as Received;
  if (value.structValue) {
    received.structValue = {
      fields: Object.fromEntries(Object.entries(value.structValue.fields ?? {}).map(([key, item]) => [key, asReceived(item)])),
    };
  }
  if (value.listValue) received.listValue = { values: (value.listValue.values ?? []).map(asReceived) };
  return received;
}

describe('json-wire', () => {
  it('round-trips any JSON value through google.protobuf.Value', () => {
    const json = fc.jsonValue({ noUnicodeString: false }).filter((value) => !Object.is(value, -0)) as fc.Arbitrary<JsonValue>;
    fc.assert(
      fc.property(json, (value) => {
        expect(fromWireValue(asReceived(toWireValue(value)))).toEqual(value);
      }),
    );
  });

  it('reads an absent value (a parameter not found) as null', () => {
    expect(fromWireValue(null)).toBeNull();
    expect(fromWireValue(undefined)).toBeNull();
    expect(fromWireValue({})).toBeNull();
  });
});
