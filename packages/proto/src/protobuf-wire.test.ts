import { describe, expect, it } from 'vitest';
import { loadNluPackage } from './load-nlu-package';
import { protobufWireProblem } from './protobuf-wire';
import { NLU_SERVICE } from './nlu-service-name';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('protobufWireProblem', () => {
  it('passes real messages, empty ones and unknown fields', () => {
    const predict = loadNluPackage().definition[NLU_SERVICE] as unknown as Record<string, { requestSerialize(value: object): Buffer }>;
    const encoded = predict['Predict']?.requestSerialize({ model: 'greetings', text: 'héllo 👋', scope: 'start' }) ?? Buffer.alloc(0);
    expect(protobufWireProblem(encoded)).toBeUndefined();
    expect(protobufWireProblem(bytes())).toBeUndefined();
    expect(
      protobufWireProblem(Buffer.concat([encoded, bytes(0xa0, 0x06, 0x01, 0x0d, 1, 2, 3, 4, 0x11, 1, 2, 3, 4, 5, 6, 7, 8)])),
    ).toBeUndefined();
    // A negative int32 is a 10-byte varint.
    expect(protobufWireProblem(bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01))).toBeUndefined();
  });

  it.each([
    ['an unterminated tag', [0xff], /tag/],
    ['field number 0', [0x00, 0x01], /field number 0/],
    ['a tag without its length', [0x0a], /length cut short/],
    ['a length past the end', [0x0a, 0x05, 0x61], /length 5 runs past the end/],
    ['a varint of 11 bytes', [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], /varint/],
    ['a 64-bit value cut short', [0x09, 0x01], /64-bit/],
    ['a 32-bit value cut short', [0x0d, 0x01], /32-bit/],
    ['a group', [0x0b], /wire type 3/],
    ['wire type 7', [0x0f], /wire type 7/],
  ])('finds %s', (_name, values, problem) => {
    expect(protobufWireProblem(bytes(...values))).toMatch(problem);
  });
});
