/**
 * Trains in a worker process; canceling kills it. A process rather than a thread, so that TensorFlow.js's
 * WebAssembly heap and everything training allocates is returned to the system when it exits, and the serving
 * process's memory (bounded by PARLEY_MODEL_MEMORY_MB) holds only models. The worker runs compiled JS, so the
 * service must be built (`npx tsc -b services/nlu`): from the TypeScript sources (vitest) the dist copy is used.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
    // 'advanced' serialisation carries the weights as a typed array; execArgv [] keeps test-runner flags out.
    const worker = fork(this.workerFile, [], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    worker.send({ definition });
    return new Promise<NluModelArtifact>((resolve, reject) => {
      const settle = (action: () => void): void => {
        signal.removeEventListener('abort', onAbort);
        worker.removeAllListeners();
        action();
      };
      const onAbort = (): void => {
        settle(() => reject(new ParleyError('CANCELED', 'training was canceled')));
        worker.kill('SIGKILL');
      };
      signal.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') onProgress(message.event);
        else if (message.type === 'done') settle(() => resolve({ manifest: message.manifest, weights: message.weights }));
        else settle(() => reject(deserializeError(message.error)));
        if (message.type !== 'progress') worker.kill('SIGKILL');
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code, signal) => settle(() => reject(new Error(`training worker exited (${code ?? signal}) before finishing`))));
    });
  }
}
