/**
 * A structural check of protobuf wire bytes, before protobufjs decodes them: protobufjs is lenient (a string whose
 * length runs past the end is cut short, an over-long varint is read anyway), so a malformed request would reach
 * the handlers as some other, made-up request. The check walks the top-level fields without the schema: valid
 * tags and field numbers, wire types proto3 uses, varints of at most 10 bytes, lengths and fixed-size values
 * within the message.
 */

const MAX_VARINT_BYTES = 10;
const MAX_FIELD_NUMBER = 2 ** 29 - 1;

/** Why `bytes` is not a well-formed protobuf message, or undefined when it is. */
export function protobufWireProblem(bytes: Uint8Array): string | undefined {
  let position = 0;
  while (position < bytes.length) {
    const tag = readVarint(bytes, position);
    if (tag === undefined) return `unterminated field tag at byte ${position}`;
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (field < 1 || field > MAX_FIELD_NUMBER) return `field number ${field} at byte ${position}`;
    position = tag.next;
    const next = skipValue(bytes, position, wireType);
    if (typeof next === 'string') return `field ${field}: ${next}`;
    position = next;
  }
  return undefined;
}

/** The position after the value, or what is wrong with it. */
function skipValue(bytes: Uint8Array, position: number, wireType: number): number | string {
  switch (wireType) {
    case 0: {
      const value = readVarint(bytes, position);
      return value === undefined ? `varint longer than ${MAX_VARINT_BYTES} bytes or cut short` : value.next;
    }
    case 1:
      return position + 8 <= bytes.length ? position + 8 : '64-bit value cut short';
    case 2: {
      const length = readVarint(bytes, position);
      if (length === undefined) return 'length cut short';
      return length.next + length.value <= bytes.length ? length.next + length.value : `length ${length.value} runs past the end`;
    }
    case 5:
      return position + 4 <= bytes.length ? position + 4 : '32-bit value cut short';
    default:
      return `wire type ${wireType} (groups and unknown wire types are not proto3)`;
  }
}

/** A varint as a number (exact up to 2^53, enough for tags and lengths), or undefined when malformed. */
function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let index = 0; index < MAX_VARINT_BYTES; index += 1) {
    const byte = bytes[start + index];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 2 ** (7 * index);
    if (byte < 0x80) return { value, next: start + index + 1 };
  }
  return undefined;
}
