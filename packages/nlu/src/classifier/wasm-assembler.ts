/**
 * Just enough of the WebAssembly binary format to write the classifier's kernels (classifier-kernels.ts) in
 * TypeScript: a module that imports its memory and exports functions taking and returning numbers, and the
 * instructions those functions use. Building the bytes at start-up keeps the kernels' source in the repository
 * with no toolchain, no build step and no binary file to keep in step with it.
 */

export type Code = readonly (number | Code)[];

export const I32 = 0x7f;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof V128;

function uleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

function sleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) return [...bytes, byte];
    bytes.push(byte | 0x80);
  }
}

const simd = (opcode: number): number[] => [0xfd, ...uleb(opcode)];
/** A memory access: alignment (log2 bytes) and a constant offset. */
const memarg = (alignLog2: number, offset: number): number[] => [alignLog2, ...uleb(offset)];

/** The instructions the kernels use, by their text-format names. */
export const op = {
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (value: number) => [0x41, ...sleb(value)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32LtU: [0x49],
  i32Eqz: [0x45],
  i32Load: (offset = 0) => [0x28, ...memarg(2, offset)],
  f32Load: (offset = 0) => [0x2a, ...memarg(2, offset)],
  f32Mul: [0x94],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  end: [0x0b],
  v128Load: (offset = 0) => [...simd(0x00), ...memarg(4, offset)],
  /** Eight int8 widened to eight int16. */
  v128Load8x8S: (offset = 0) => [...simd(0x01), ...memarg(3, offset)],
  v128Store: (offset = 0) => [...simd(0x0b), ...memarg(4, offset)],
  f32x4Splat: simd(0x13),
  i32x4ExtendLowI16x8S: simd(0xa7),
  i32x4ExtendHighI16x8S: simd(0xa8),
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
  f32x4ConvertI32x4S: simd(0xfa),
} as const;

export interface WasmFunction {
  name: string;
  params: readonly ValueType[];
  /** Locals after the parameters, in order. */
  locals: readonly ValueType[];
  body: Code;
}

/** A module importing `env.memory` and exporting `functions` (no results). */
export function assembleModule(functions: readonly WasmFunction[]): Uint8Array {
  const types = functions.map((fn) => [0x60, ...vector(fn.params.map((type) => [type])), 0]);
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, 1];
  const exportEntries = functions.map((fn, index) => [...name(fn.name), 0x00, ...uleb(index)]);
  const bodies = functions.map((fn) => {
    const code = [...vector(fn.locals.map((type) => [1, type])), ...flatten(fn.body), ...op.end];
    return [...uleb(code.length), ...code];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(functions.map((_, index) => uleb(index)))),
    ...section(7, vector(exportEntries)),
    ...section(10, vector(bodies)),
  ]);
}

function flatten(code: Code): number[] {
  return code.flatMap((part) => (typeof part === 'number' ? [part] : flatten(part)));
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vector(items: readonly number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}
