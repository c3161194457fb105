/**
 * The served classifier's arithmetic as WebAssembly SIMD, four floats an instruction: several times faster than
 * the unrolled JS loops of intent-classifier.ts, which stay for shapes the kernels do not take (a dimension that is
 * not a multiple of 8) and where the kernels are turned off. The kernel is WebAssembly text (classifier-kernels.wat),
 * compiled by wabt when a service starts. One kernel, `bag`, adds scaled int8 rows into a float32 vector;
 * it computes both the embedding bag (the text's rows into the hidden vector) and the output layer (each hidden
 * dimension's row of the output, held as int8 rows here too, into the logits). A second kernel, `dots`, takes the
 * dot products of a vector with int8 rows (nearest-phrases.ts: a text against the training phrases' encoder vectors).
 * Each classifier gets its own memory:
 * its embedding lives there (the classifier's only copy), then the output layer and scratch space; it is freed with
 * the classifier. Sums run in float32 in a fixed order, so scores are deterministic.
 *
 * Why int8 for the output layer as well: under load the model is mostly out of the CPU caches when a prediction
 * starts (the gRPC machinery and the client in between evict it), so the bytes a prediction reads cost more than its
 * arithmetic. Measured on CLINC150 (bench/nlu/clinc.mjs): top-1 0.9376 against 0.9378 with float32 outputs, in-scope
 * 0.9113 against 0.9111, OOS recall 0.838 against 0.839; the Predict bench gained about 3 points of calls/s.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import wabt from 'wabt';
import type { EncodedText } from './feature-vocabulary';
import type { ClassifierShape, ServedWeights } from './intent-classifier';
import { quantizeRows, type QuantizedRows } from './quantized-rows';

/** Rows the scratch space holds; a longer text goes through the bag in several passes. */
const MAX_ROWS = 2048;
const PAGE_BYTES = 65536;

/** The kernels' source, beside this file in the repository (dist/classifier/ reads it from src/classifier/). */
const KERNELS_WAT = join(__dirname, '../../src/classifier/classifier-kernels.wat');

/** The part of the WebAssembly API the kernels use (the compiler's libraries here do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
  Memory: new (limits: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
}
type WasmModule = object;

export interface KernelExports {
  bag(rows: number, rowWeights: number, count: number, matrix: number, scales: number, into: number, width: number): void;
  dots(matrix: number, scales: number, count: number, width: number, vector: number, into: number): void;
}

/** The kernels on a memory of their own, `bytes` long at least; undefined until loadClassifierKernels() compiled them. */
export function instantiateKernels(bytes: number): { exports: KernelExports; buffer: ArrayBuffer } | undefined {
  if (compiled === undefined) return undefined;
  const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
  const memory = new compiled.api.Memory({ initial: pages, maximum: pages });
  return { exports: new compiled.api.Instance(compiled.module, { env: { memory } }).exports as KernelExports, buffer: memory.buffer };
}

interface Compiled {
  api: WasmApi;
  module: WasmModule;
}

/** The kernels once loadClassifierKernels() has compiled them; until then (or never) classifiers use the JS loops. */
let compiled: Compiled | undefined;

/** Compiles WebAssembly text with wabt; a module this runtime does not accept (no SIMD, say) is an error. */
export async function compileWat(name: string, text: string): Promise<Compiled> {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) throw new Error('this runtime has no WebAssembly; turn the kernels off to use the JS loops');
  const parsed = (await wabt()).parseWat(name, text, { simd: true });
  try {
    parsed.validate();
    const bytes = parsed.toBinary({}).buffer;
    if (!api.validate(bytes))
      throw new Error(`${name}: this runtime rejects the module (WebAssembly SIMD missing?); turn the kernels off to use the JS loops`);
    return { api, module: new api.Module(bytes) };
  } finally {
    parsed.destroy();
  }
}

/**
 * Compiles classifier-kernels.wat (once) so that every classifier built from then on runs in the kernels. Services
 * call it at start-up unless their configuration turns the kernels off; it fails rather than fall back.
 */
export async function loadClassifierKernels(): Promise<void> {
  compiled ??= await compileWat('classifier-kernels.wat', await readFile(KERNELS_WAT, 'utf8'));
}

export const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

export class ClassifierKernels {
  /** Kernels for this classifier, or undefined when they cannot serve it (then the JS loops do). */
  static create(shape: ClassifierShape, weights: ServedWeights): ClassifierKernels | undefined {
    if (compiled === undefined || shape.dimension === 0 || shape.dimension % 8 !== 0 || shape.classes === 0) return undefined;
    return new ClassifierKernels(shape, weights);
  }

  /** The embedding, now in the kernels' memory. */
  readonly embedding: QuantizedRows;
  readonly byteLength: number;
  private readonly exports: KernelExports;
  private readonly at: {
    scales: number;
    output: number;
    outputScales: number;
    outputRows: number;
    hidden: number;
    logits: number;
    rows: number;
    rowWeights: number;
  };
  private readonly bias: Float32Array;
  private readonly hidden: Float32Array;
  private readonly logitsView: Float32Array;
  private readonly rows: Int32Array;
  private readonly rowWeights: Float32Array;
  /** Classes rounded up to what one pass of the kernel takes (8); the extra ones score 0. */
  private readonly paddedClasses: number;

  private constructor(
    private readonly shape: ClassifierShape,
    weights: ServedWeights,
  ) {
    const { features, dimension, classes } = shape;
    const padded = Math.ceil(classes / 8) * 8;
    this.paddedClasses = padded;
    const scales = align16(features * dimension);
    const output = align16(scales + features * 4);
    const outputScales = align16(output + dimension * padded);
    const outputRows = outputScales + dimension * 4;
    const hidden = outputRows + dimension * 4;
    const logitsAt = hidden + dimension * 4;
    const rows = align16(logitsAt + padded * 4);
    const rowWeights = rows + MAX_ROWS * 4;
    // create() checked that the kernels are compiled.
    const instance = instantiateKernels(rowWeights + MAX_ROWS * 4)!;
    const buffer = instance.buffer;
    this.exports = instance.exports;
    this.at = { scales, output, outputScales, outputRows, hidden, logits: logitsAt, rows, rowWeights };
    this.byteLength = buffer.byteLength;

    this.embedding = { values: new Int8Array(buffer, 0, features * dimension), scales: new Float32Array(buffer, scales, features) };
    this.embedding.values.set(weights.embedding.values);
    this.embedding.scales.set(weights.embedding.scales);
    // The output layer as int8 rows too (one per hidden dimension): a quarter of the bytes every prediction reads.
    const quantized = quantizeRows(weights.output, classes);
    const paddedOutput = new Int8Array(buffer, output, dimension * padded);
    for (let d = 0; d < dimension; d++) paddedOutput.set(quantized.values.subarray(d * classes, (d + 1) * classes), d * padded);
    new Float32Array(buffer, outputScales, dimension).set(quantized.scales);
    new Int32Array(buffer, outputRows, dimension).forEach((_, d, all) => (all[d] = d));
    this.bias = new Float32Array(padded);
    this.bias.set(weights.bias);
    this.hidden = new Float32Array(buffer, hidden, dimension);
    this.logitsView = new Float32Array(buffer, logitsAt, padded);
    this.rows = new Int32Array(buffer, rows, MAX_ROWS);
    this.rowWeights = new Float32Array(buffer, rowWeights, MAX_ROWS);
  }

  /** The output layer's scores for a text, before the softmax or sigmoid. */
  logits(text: EncodedText): Float32Array {
    const { dimension, classes } = this.shape;
    const { at, exports } = this;
    this.hidden.fill(0);
    for (let start = 0; start < text.rows.length; start += MAX_ROWS) {
      const end = Math.min(start + MAX_ROWS, text.rows.length);
      this.rows.set(text.rows.subarray(start, end));
      this.rowWeights.set(text.weights.subarray(start, end));
      exports.bag(at.rows, at.rowWeights, end - start, 0, at.scales, at.hidden, dimension);
    }
    // The output layer is the same sum: over hidden dimensions d, hidden[d] · scale[d] · row d of the output.
    this.logitsView.set(this.bias);
    exports.bag(at.outputRows, at.hidden, dimension, at.output, at.outputScales, at.logits, this.paddedClasses);
    return this.logitsView.slice(0, classes);
  }
}
