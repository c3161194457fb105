/**
 * Trains in a worker process; canceling kills it. A process rather than a thread, so that everything training
 * allocates (TensorFlow.js's WebAssembly heap, typed arrays, the JavaScript heap) is returned to the system when it
 * exits, and the serving process's memory holds only models. Given a memory budget (PARLEY_TRAINING_MEMORY_MB), the
 * process runs with a JavaScript heap limit of half of it, and is killed when its resident memory passes the whole
 * budget: most of what training allocates lives outside the JavaScript heap, so the heap limit alone bounds little.
 * Either way the training fails with an error saying so. A training with the sentence encoder asks this process for
 * its vectors (remote-encoder.ts): the encoder and its cache stay here, shared by every training and prediction. The worker runs compiled JS, so the service must be built
 * (`npx tsc -b services/nlu`): from the TypeScript sources (vitest) the dist copy is used.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError, type BotDefinition } from '@parley/domain';
import { encoderFor, type NluModelArtifact } from '@parley/nlu';
import type { Trainer, TrainerOptions } from './trainer';
import { deserializeError, serializeError, type ServiceMessage, type WorkerMessage } from './worker-messages';
import { residentBytesOf } from './resident-memory';

/** How often the worker's resident memory is read. */
const MEMORY_CHECK_MS = 100;
/** The smallest JavaScript heap a training process gets, whatever the budget. */
const MIN_HEAP_MB = 32;
/** The last bytes of the worker's stderr kept, to recognise V8's out-of-memory report. */
const STDERR_KEPT = 4096;

export function trainingWorkerFile(): string {
  return __filename.endsWith('.ts')
    ? join(__dirname, '..', '..', 'dist', 'jobs', 'training-worker.js')
    : join(__dirname, 'training-worker.js');
}

export interface WorkerTrainerOptions {
  /** The training process's memory budget; undefined: no limit. */
  memoryBytes?: number;
  workerFile?: string;
}

/** The JavaScript heap limit of a training process, in MB: half of its memory budget. */
export function trainingHeapMb(memoryBytes: number): number {
  return Math.max(MIN_HEAP_MB, Math.floor(memoryBytes / 2 / 1024 / 1024));
}

export class WorkerTrainer implements Trainer {
  private readonly workerFile: string;

  constructor(private readonly options: WorkerTrainerOptions = {}) {
    this.workerFile = options.workerFile ?? trainingWorkerFile();
    if (!existsSync(this.workerFile)) {
      throw new Error(`training worker ${this.workerFile} not found: build the NLU service first (npx tsc -b services/nlu)`);
    }
  }

  train(definition: BotDefinition, options: TrainerOptions): Promise<NluModelArtifact> {
    const { signal, onProgress } = options;
    if (signal.aborted) return Promise.reject(new ParleyError('CANCELED', 'training was canceled'));
    const { memoryBytes } = this.options;
    // 'advanced' serialisation carries the weights as a typed array; no inherited execArgv keeps test-runner flags out.
    const execArgv = memoryBytes === undefined ? [] : [`--max-old-space-size=${trainingHeapMb(memoryBytes)}`];
    const worker = fork(this.workerFile, [], { serialization: 'advanced', execArgv, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let stderr = '';
    worker.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    const encoder = encoderFor(definition, options.encoder);
    const train: ServiceMessage = {
      type: 'train',
      definition,
      ...(encoder ? { encoder: { identity: encoder.identity, dimension: encoder.dimension } } : {}),
    };
    worker.send(train);
    return new Promise<NluModelArtifact>((resolve, reject) => {
      const watch = memoryBytes === undefined ? undefined : setInterval(() => checkMemory(), MEMORY_CHECK_MS);
      const settle = (action: () => void): void => {
        clearInterval(watch);
        signal.removeEventListener('abort', onAbort);
        worker.removeAllListeners();
        action();
      };
      const stop = (error: Error): void => {
        settle(() => reject(error));
        worker.kill('SIGKILL');
      };
      const onAbort = (): void => stop(new ParleyError('CANCELED', 'training was canceled'));
      const checkMemory = (): void => {
        const resident = worker.pid === undefined ? undefined : residentBytesOf(worker.pid);
        if (resident !== undefined && memoryBytes !== undefined && resident > memoryBytes) {
          stop(outOfMemory(`the training process used ${mb(resident)} MB`, memoryBytes));
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const answer = (message: ServiceMessage): void => {
        if (worker.connected) worker.send(message);
      };
      let encoding = Promise.resolve();
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'encode') {
          // One request at a time, in order (remote-encoder.ts): the vectors of one chunk in memory, not all.
          encoding = encoding.then(async () => {
            // A worker that ended (failed, canceled) asks for nothing more.
            if (!worker.connected) return;
            if (encoder === undefined)
              return answer({ type: 'vectors-failed', error: { message: 'this training has no sentence encoder' } });
            try {
              answer({ type: 'vectors', texts: message.texts, vectors: await encoder.encode(message.texts) });
            } catch (error) {
              answer({ type: 'vectors-failed', error: serializeError(error) });
            }
          });
          return;
        }
        if (message.type === 'progress') onProgress(message.event);
        else if (message.type === 'done') settle(() => resolve({ manifest: message.manifest, weights: message.weights }));
        else settle(() => reject(deserializeError(message.error)));
        if (message.type !== 'progress') worker.kill('SIGKILL');
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code, exitSignal) => {
        // V8 reports a full heap on stderr and aborts.
        if (memoryBytes !== undefined && (/heap out of memory|Reached heap limit/.test(stderr) || exitSignal === 'SIGABRT')) {
          settle(() => reject(outOfMemory(`its JavaScript heap reached its ${trainingHeapMb(memoryBytes)} MB limit`, memoryBytes)));
          return;
        }
        settle(() => reject(new Error(`training worker exited (${code ?? exitSignal}) before finishing`)));
      });
    });
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function outOfMemory(what: string, memoryBytes: number): ParleyError {
  return new ParleyError(
    'RESOURCE_EXHAUSTED',
    `training ran out of memory: ${what}, and a training may use ${mb(memoryBytes)} MB (PARLEY_TRAINING_MEMORY_MB); train fewer intents or sentences, or raise PARLEY_TRAINING_MEMORY_MB`,
    { field: 'definition' },
  );
}
