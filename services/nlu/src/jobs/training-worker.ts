/**
 * Entry of the worker process that trains one definition, so that the service's event loop (and Predict) stays
 * free and training memory leaves with the process. Loaded from compiled JS only (dist/jobs/training-worker.js);
 * see WorkerTrainer. It receives a ServiceMessage 'train' first and answers with WorkerMessages; a training that
 * uses the sentence encoder asks the service for vectors through a RemoteEncoder.
 */
import type { BotDefinition } from '@parley/domain';
import { initBackend, trainModel } from '@parley/nlu';
import { RemoteEncoder } from './remote-encoder';
import { serializeError, type ServiceMessage, type WorkerMessage } from './worker-messages';

const post = (message: WorkerMessage): void => {
  process.send?.(message);
};
let encoder: RemoteEncoder | undefined;

async function run(definition: BotDefinition): Promise<void> {
  try {
    await initBackend();
    const model = await trainModel(definition, {
      onProgress: (event) => post({ type: 'progress', event }),
      ...(encoder ? { encoder } : {}),
    });
    const artifact = model.toArtifact();
    post({ type: 'done', manifest: artifact.manifest, weights: artifact.weights });
  } catch (error) {
    post({ type: 'error', error: serializeError(error) });
  }
}

process.on('message', (message: ServiceMessage) => {
  if (message.type === 'train') {
    if (message.encoder) encoder = new RemoteEncoder(message.encoder.identity, message.encoder.dimension, post);
    void run(message.definition);
  } else {
    encoder?.answer(message);
  }
});
// The parent going away (crash, kill -9) must not leave an orphan training.
process.on('disconnect', () => process.exit(1));
