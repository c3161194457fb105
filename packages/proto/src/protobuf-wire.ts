/**
 * Protobuf wire primitives without a schema: a bounds-checked reader of fields and varints, the varint writer, and
 * the structural check the NLU service runs on request bytes before protobufjs decodes them. protobufjs is lenient
 * (a string whose length runs past the end is cut short, an over-long varint is read anyway), so a malformed
 * request would reach the handlers as some other, made-up request; the reader refuses such bytes instead.
 */

const MAX_VARINT_BYTES = 10;
const MAX_FIELD_NUMBER = 2 ** 29 - 1;

const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Bytes that are not a well-formed protobuf message. */
export class WireError extends Error {}

/** Reads `bytes[start, end)` field by field; every read checks it stays inside. */
export class WireReader {
  position: number;
  private view: DataView | undefined;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.position = start;
  }

  get done(): boolean {
    return this.position >= this.end;
  }

  /** A varint as a number: exact up to 2^53, enough for tags, lengths, enums and ids. */
  varint(): number {
    const { bytes, end } = this;
    const first = this.position < end ? bytes[this.position]! : 0x80;
    if (first < 0x80) {
      this.position += 1;
      return first;
    }
    let value = 0;
    for (let index = 0; index < MAX_VARINT_BYTES && this.position + index < end; index += 1) {
      const byte = bytes[this.position + index]!;
      value += (byte & 0x7f) * 2 ** (7 * index);
      if (byte < 0x80) {
        this.position += index + 1;
        return value;
      }
    }
    throw new WireError(`varint longer than ${MAX_VARINT_BYTES} bytes or cut short`);
  }

  /** A field's tag: `field * 8 + wireType`. */
  tag(): number {
    const at = this.position;
    const first = at < this.end ? this.bytes[at]! : 0;
    if (first >= 8 && first < 0x80) {
      this.position = at + 1;
      return first;
    }
    let tag: number;
    try {
      tag = this.varint();
    } catch {
      throw new WireError(`unterminated field tag at byte ${at}`);
    }
    const field = Math.floor(tag / 8);
    if (field < 1 || field > MAX_FIELD_NUMBER) throw new WireError(`field number ${field} at byte ${at}`);
    return tag;
  }

  /** The end of a length-delimited value; the reader stands at its first byte. */
  lengthDelimited(): number {
    let length: number;
    try {
      length = this.varint();
    } catch {
      throw new WireError('length cut short');
    }
    const valueEnd = this.position + length;
    if (valueEnd > this.end) throw new WireError(`length ${length} runs past the end`);
    return valueEnd;
  }

  double(): number {
    const at = this.position;
    if (at + 8 > this.end) throw new WireError('64-bit value cut short');
    this.view ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.position = at + 8;
    return this.view.getFloat64(at, true);
  }

  /** Moves past a value of this wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        return this.advance(8, '64-bit value cut short');
      case WIRE_LENGTH_DELIMITED:
        this.position = this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        return this.advance(4, '32-bit value cut short');
      default:
        throw new WireError(`wire type ${wireType} (groups and unknown wire types are not proto3)`);
    }
  }

  private advance(count: number, problem: string): void {
    if (this.position + count > this.end) throw new WireError(problem);
    this.position += count;
  }
}

/** Why `bytes` is not a well-formed protobuf message, or undefined when it is. */
export function protobufWireProblem(bytes: Uint8Array): string | undefined {
  const reader = new WireReader(bytes);
  let field = 0;
  try {
    while (!reader.done) {
      field = 0;
      const tag = reader.tag();
      field = Math.floor(tag / 8);
      reader.skip(tag % 8);
    }
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
    return field === 0 ? error.message : `field ${field}: ${error.message}`;
  }
  return undefined;
}

export function varintSize(value: number): number {
  let size = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) size += 1;
  return size;
}

/** Writes a non-negative varint at `at`; returns the position after it. */
export function writeVarint(target: Uint8Array, at: number, value: number): number {
  let position = at;
  let rest = value;
  while (rest >= 0x80) {
    target[position++] = (rest & 0x7f) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  target[position++] = rest;
  return position;
}
