/**
 * Entry of the worker process that trains one definition, so that the service's event loop (and Predict) stays
 * free and training memory leaves with the process. Loaded from compiled JS only (dist/jobs/training-worker.js);
 * see WorkerTrainer. It receives `{definition}` as its first message and answers with WorkerMessages.
 */
import type { BotDefinition } from '@parley/domain';
import { initBackend, trainModel } from '@parley/nlu';
import { serializeError, type WorkerMessage } from './worker-messages';

async function run(definition: BotDefinition): Promise<void> {
  const post = (message: WorkerMessage): void => {
    process.send?.(message);
  };
  try {
    await initBackend();
    const model = await trainModel(definition, { onProgress: (event) => post({ type: 'progress', event }) });
    const artifact = model.toArtifact();
    post({ type: 'done', manifest: artifact.manifest, weights: artifact.weights });
  } catch (error) {
    post({ type: 'error', error: serializeError(error) });
  }
}

process.once('message', (message: { definition: BotDefinition }) => void run(message.definition));
// The parent going away (crash, kill -9) must not leave an orphan training.
process.on('disconnect', () => process.exit(1));
