/**
 * Trains in a worker thread; canceling terminates the thread. The worker runs compiled JS, so the service must
 * be built (`npx tsc -b services/nlu`): from the TypeScript sources (vitest) the dist copy is used.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ParleyError, type BotDefinition } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';
import type { Trainer, TrainerOptions } from './trainer';
import { deserializeError, type WorkerMessage } from './worker-messages';

export function trainingWorkerFile(): string {
  return __filename.endsWith('.ts')
    ? join(__dirname, '..', '..', 'dist', 'jobs', 'training-worker.js')
    : join(__dirname, 'training-worker.js');
}

export class WorkerTrainer implements Trainer {
  constructor(private readonly workerFile: string = trainingWorkerFile()) {
    if (!existsSync(workerFile)) {
      throw new Error(`training worker ${workerFile} not found: build the NLU service first (npx tsc -b services/nlu)`);
    }
  }

  train(definition: BotDefinition, options: TrainerOptions): Promise<NluModelArtifact> {
    const { signal, onProgress } = options;
    if (signal.aborted) return Promise.reject(new ParleyError('CANCELED', 'training was canceled'));
    const worker = new Worker(this.workerFile, { workerData: { definition } });
    return new Promise<NluModelArtifact>((resolve, reject) => {
      const settle = (action: () => void): void => {
        signal.removeEventListener('abort', onAbort);
        worker.removeAllListeners();
        action();
      };
      const onAbort = (): void => {
        settle(() => reject(new ParleyError('CANCELED', 'training was canceled')));
        void worker.terminate();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') onProgress(message.event);
        else if (message.type === 'done') settle(() => resolve({ manifest: message.manifest, weights: message.weights }));
        else settle(() => reject(deserializeError(message.error)));
        if (message.type !== 'progress') void worker.terminate();
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => settle(() => reject(new Error(`training worker exited with code ${code} before finishing`))));
    });
  }
}
