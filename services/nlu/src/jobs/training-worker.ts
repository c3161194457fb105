/**
 * Entry of the worker thread that trains one definition, so that the service's event loop (and Predict) stays
 * free. Loaded from compiled JS only (dist/jobs/training-worker.js); see WorkerTrainer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BotDefinition } from '@parley/domain';
import { initBackend, trainModel } from '@parley/nlu';
import { serializeError, type WorkerMessage } from './worker-messages';

async function run(definition: BotDefinition): Promise<void> {
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => parentPort?.postMessage(message, transfer);
  try {
    await initBackend();
    const model = await trainModel(definition, { onProgress: (event) => post({ type: 'progress', event }) });
    const artifact = model.toArtifact();
    model.dispose();
    // A fresh copy owns its buffer outright, so it can be transferred instead of cloned.
    const weights = new Uint8Array(artifact.weights);
    post({ type: 'done', manifest: artifact.manifest, weights }, [weights.buffer]);
  } catch (error) {
    post({ type: 'error', error: serializeError(error) });
  }
}

void run((workerData as { definition: BotDefinition }).definition);
