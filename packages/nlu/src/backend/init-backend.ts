/**
 * Picks the fastest TensorFlow.js backend that really works here: tfjs-node (native), else wasm (SIMD, no threads),
 * else the pure-JS cpu backend. Checked after `setBackend`, because tfjs silently stays on cpu when one fails.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../api';

let chosen: Promise<BackendName> | undefined;

/** Idempotent: the first call chooses, later calls return the same answer. */
export function initBackend(): Promise<BackendName> {
  chosen ??= choose();
  return chosen;
}

async function choose(): Promise<BackendName> {
  if (await tryTensorflow()) return 'tensorflow';
  if (await tryWasm()) return 'wasm';
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  await tf.ready();
  return 'cpu';
}

async function tryTensorflow(): Promise<boolean> {
  // A variable specifier: the package is an optional dependency, absent on most machines.
  const specifier = '@tensorflow/tfjs-node';
  try {
    await import(specifier);
    return await activate('tensorflow');
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const distFolder = require.resolve('@tensorflow/tfjs-backend-wasm').replace(/[^/\\]+$/, '');
    wasm.setWasmPaths(distFolder);
    // Threads need SharedArrayBuffer workers, which Node's wasm loader here does not provide.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
    return await activate('wasm');
  } catch {
    return false;
  }
}

async function activate(name: BackendName): Promise<boolean> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok && tf.getBackend() === name;
}
