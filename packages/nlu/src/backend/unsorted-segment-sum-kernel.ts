/**
 * UnsortedSegmentSum for the wasm backend, which ships none: the gradient of `gather` (our embedding-bag lookup)
 * needs it, and the stock CPU fallback copies tensors across backends and takes minutes per training step.
 * One pass over the rows: O(N·D).
 */
import { UnsortedSegmentSum, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';

/** The slice of the wasm backend this kernel uses (its class is not exported in a typed way). */
interface WasmBackendLike {
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): TensorInfo;
}

function unsortedSegmentSum(args: {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  attrs: { numSegments: number };
  backend: WasmBackendLike;
}): TensorInfo {
  const { x, segmentIds } = args.inputs;
  const { numSegments } = args.attrs;
  const values = args.backend.readSync(x.dataId);
  const ids = args.backend.readSync(segmentIds.dataId);
  const rows = ids.length;
  const width = rows === 0 ? 0 : values.length / rows;
  const out = new Float32Array(numSegments * width);
  for (let row = 0; row < rows; row++) {
    const segment = ids[row] as number;
    if (segment < 0 || segment >= numSegments) continue; // TF semantics: out-of-range ids are dropped
    const from = row * width;
    const to = segment * width;
    for (let col = 0; col < width; col++) out[to + col]! += values[from + col] as number;
  }
  return args.backend.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], 'float32', undefined, out);
}

export const unsortedSegmentSumKernel: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
