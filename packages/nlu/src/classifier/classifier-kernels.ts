/**
 * The served classifier's arithmetic, the embedding bag and the output layer, as WebAssembly SIMD: four floats per
 * instruction, about 5× faster than the unrolled JS loops of intent-classifier.ts, which stay for shapes the
 * kernels do not take (a dimension that is not a multiple of 8) and runtimes without SIMD. Each classifier gets its
 * own memory: its embedding lives there (the classifier's only copy), then the output layer and scratch space; it
 * is freed with the classifier. Sums run in float32 in a fixed order, so scores are deterministic.
 */
import type { EncodedText } from './feature-vocabulary';
import type { ClassifierShape, ServedWeights } from './intent-classifier';
import type { QuantizedRows } from './quantized-rows';
import { assembleModule, F32, I32, op, V128 } from './wasm-assembler';

/** Rows the scratch space holds; a longer text goes through the bag in several passes. */
const MAX_ROWS = 2048;
const PAGE_BYTES = 65536;

// bag(rows, rowWeights, count, embedding, scales, hidden, dimension): hidden += Σ rowWeight · scale · embedding[row].
const [ROWS, ROW_WEIGHTS, COUNT, EMBEDDING, SCALES, HIDDEN, DIMENSION] = [0, 1, 2, 3, 4, 5, 6];
const [ROW_INDEX, ROW_START, K, ROW, WEIGHT, VALUES, HIDDEN_AT] = [7, 8, 9, 10, 11, 12, 13];
const bag = [
  op.i32(0), op.set(ROW_INDEX),
  op.block, op.loop,
  op.get(ROW_INDEX), op.get(COUNT), op.i32LtU, op.i32Eqz, op.brIf(1),
  op.get(ROWS), op.get(ROW_INDEX), op.i32(2), op.i32Shl, op.i32Add, op.i32Load(), op.set(ROW),
  op.get(ROW_WEIGHTS), op.get(ROW_INDEX), op.i32(2), op.i32Shl, op.i32Add, op.f32Load(),
  op.get(SCALES), op.get(ROW), op.i32(2), op.i32Shl, op.i32Add, op.f32Load(),
  op.f32Mul, op.f32x4Splat, op.set(WEIGHT),
  op.get(EMBEDDING), op.get(ROW), op.get(DIMENSION), op.i32Mul, op.i32Add, op.set(ROW_START),
  op.i32(0), op.set(K),
  // Eight int8 values a pass: widened, converted, scaled and added to two float32x4 halves of the hidden vector.
  op.loop,
  op.get(ROW_START), op.get(K), op.i32Add, op.v128Load8x8S(), op.set(VALUES),
  op.get(HIDDEN), op.get(K), op.i32(2), op.i32Shl, op.i32Add, op.tee(HIDDEN_AT),
  op.get(HIDDEN_AT), op.v128Load(), op.get(VALUES), op.i32x4ExtendLowI16x8S, op.f32x4ConvertI32x4S, op.get(WEIGHT), op.f32x4Mul, op.f32x4Add,
  op.v128Store(),
  op.get(HIDDEN_AT),
  op.get(HIDDEN_AT), op.v128Load(16), op.get(VALUES), op.i32x4ExtendHighI16x8S, op.f32x4ConvertI32x4S, op.get(WEIGHT), op.f32x4Mul, op.f32x4Add,
  op.v128Store(16),
  op.get(K), op.i32(8), op.i32Add, op.tee(K), op.get(DIMENSION), op.i32LtU, op.brIf(0),
  op.end,
  op.get(ROW_INDEX), op.i32(1), op.i32Add, op.set(ROW_INDEX), op.br(0),
  op.end, op.end,
];

// logits(hidden, output, bias, logits, dimension, rowBytes): logits = bias + hidden · output, four classes a pass.
const [L_HIDDEN, L_OUTPUT, L_BIAS, L_LOGITS, L_DIMENSION, L_ROW_BYTES] = [0, 1, 2, 3, 4, 5];
const [D, J, OUTPUT_ROW, H, LOGITS_AT] = [6, 7, 8, 9, 10];
const logits = [
  op.i32(0), op.set(J),
  op.loop,
  op.get(L_LOGITS), op.get(J), op.i32Add, op.get(L_BIAS), op.get(J), op.i32Add, op.v128Load(), op.v128Store(),
  op.get(J), op.i32(16), op.i32Add, op.tee(J), op.get(L_ROW_BYTES), op.i32LtU, op.brIf(0),
  op.end,
  op.i32(0), op.set(D),
  op.block, op.loop,
  op.get(D), op.get(L_DIMENSION), op.i32LtU, op.i32Eqz, op.brIf(1),
  op.get(L_HIDDEN), op.get(D), op.i32(2), op.i32Shl, op.i32Add, op.f32Load(), op.f32x4Splat, op.set(H),
  op.get(L_OUTPUT), op.get(D), op.get(L_ROW_BYTES), op.i32Mul, op.i32Add, op.set(OUTPUT_ROW),
  op.i32(0), op.set(J),
  op.loop,
  op.get(L_LOGITS), op.get(J), op.i32Add, op.tee(LOGITS_AT),
  op.get(LOGITS_AT), op.v128Load(), op.get(H), op.get(OUTPUT_ROW), op.get(J), op.i32Add, op.v128Load(), op.f32x4Mul, op.f32x4Add,
  op.v128Store(),
  op.get(J), op.i32(16), op.i32Add, op.tee(J), op.get(L_ROW_BYTES), op.i32LtU, op.brIf(0),
  op.end,
  op.get(D), op.i32(1), op.i32Add, op.set(D), op.br(0),
  op.end, op.end,
];

/** The part of the WebAssembly API the kernels use (the compiler's libraries here do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
  Memory: new (limits: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
}
type WasmModule = object;
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface KernelExports {
  bag(rows: number, rowWeights: number, count: number, embedding: number, scales: number, hidden: number, dimension: number): void;
  logits(hidden: number, output: number, bias: number, logits: number, dimension: number, rowBytes: number): void;
}

interface Compiled {
  api: WasmApi;
  module: WasmModule;
}
let compiled: Compiled | null | undefined;

/** The kernels' module, or null where WebAssembly SIMD is missing. */
function kernelModule(): Compiled | null {
  if (compiled === undefined) {
    const bytes = assembleModule([
      { name: 'bag', params: [I32, I32, I32, I32, I32, I32, I32], locals: [I32, I32, I32, I32, V128, V128, I32], body: bag },
      { name: 'logits', params: [I32, I32, I32, I32, I32, I32], locals: [I32, I32, I32, V128, I32], body: logits },
    ]);
    compiled = wasm?.validate(bytes) ? { api: wasm, module: new wasm.Module(bytes) } : null;
  }
  return compiled;
}

const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

export class ClassifierKernels {
  /** Kernels for this classifier, or undefined when they cannot serve it (then the JS loops do). */
  static create(shape: ClassifierShape, weights: ServedWeights): ClassifierKernels | undefined {
    const kernels = kernelModule();
    if (kernels === null || shape.dimension === 0 || shape.dimension % 8 !== 0 || shape.classes === 0) return undefined;
    return new ClassifierKernels(kernels, shape, weights);
  }

  /** The embedding, now in the kernels' memory. */
  readonly embedding: QuantizedRows;
  readonly byteLength: number;
  private readonly exports: KernelExports;
  private readonly at: { scales: number; output: number; bias: number; hidden: number; logits: number; rows: number; rowWeights: number };
  private readonly hidden: Float32Array;
  private readonly logitsView: Float32Array;
  private readonly rows: Int32Array;
  private readonly rowWeights: Float32Array;
  /** Classes rounded up to whole float32x4 vectors; the extra ones are zeros. */
  private readonly rowBytes: number;

  private constructor(
    { api, module }: Compiled,
    private readonly shape: ClassifierShape,
    weights: ServedWeights,
  ) {
    const { features, dimension, classes } = shape;
    this.rowBytes = align16(classes * 4);
    const scales = align16(features * dimension);
    const output = align16(scales + features * 4);
    const bias = output + dimension * this.rowBytes;
    const hidden = bias + this.rowBytes;
    const logitsAt = hidden + dimension * 4;
    const rows = logitsAt + this.rowBytes;
    const rowWeights = rows + MAX_ROWS * 4;
    const pages = Math.ceil((rowWeights + MAX_ROWS * 4) / PAGE_BYTES);
    const memory = new api.Memory({ initial: pages, maximum: pages });
    this.exports = new api.Instance(module, { env: { memory } }).exports as KernelExports;
    this.at = { scales, output, bias, hidden, logits: logitsAt, rows, rowWeights };
    this.byteLength = memory.buffer.byteLength;

    const buffer = memory.buffer;
    this.embedding = { values: new Int8Array(buffer, 0, features * dimension), scales: new Float32Array(buffer, scales, features) };
    this.embedding.values.set(weights.embedding.values);
    this.embedding.scales.set(weights.embedding.scales);
    const paddedOutput = new Float32Array(buffer, output, (dimension * this.rowBytes) / 4);
    for (let d = 0; d < dimension; d++) paddedOutput.set(weights.output.subarray(d * classes, (d + 1) * classes), (d * this.rowBytes) / 4);
    new Float32Array(buffer, bias, classes).set(weights.bias);
    this.hidden = new Float32Array(buffer, hidden, dimension);
    this.logitsView = new Float32Array(buffer, logitsAt, classes);
    this.rows = new Int32Array(buffer, rows, MAX_ROWS);
    this.rowWeights = new Float32Array(buffer, rowWeights, MAX_ROWS);
  }

  /** The output layer's scores for a text, before the softmax or sigmoid. */
  logits(text: EncodedText): Float32Array {
    const { dimension } = this.shape;
    const { at, exports } = this;
    this.hidden.fill(0);
    for (let start = 0; start < text.rows.length; start += MAX_ROWS) {
      const end = Math.min(start + MAX_ROWS, text.rows.length);
      this.rows.set(text.rows.subarray(start, end));
      this.rowWeights.set(text.weights.subarray(start, end));
      exports.bag(at.rows, at.rowWeights, end - start, 0, at.scales, at.hidden, dimension);
    }
    exports.logits(at.hidden, at.output, at.bias, at.logits, dimension, this.rowBytes);
    return this.logitsView.slice();
  }
}
