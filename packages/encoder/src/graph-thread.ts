/**
 * One graph thread: a worker_threads Worker running graph-worker.js, one batch at a time. It holds the process open
 * only while a batch runs, so an idle encoder never keeps a process from exiting.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GraphRequest, GraphThreadData, GraphThreadMessage } from './graph-messages';

/** The compiled worker entry; from the TypeScript sources (vitest) the dist copy is used, so build first. */
export function graphWorkerFile(): string {
  return __filename.endsWith('.ts') ? join(__dirname, '..', 'dist', 'graph-worker.js') : join(__dirname, 'graph-worker.js');
}

export function checkGraphWorkerFile(file: string): void {
  if (!existsSync(file))
    throw new Error(`the sentence encoder's worker ${file} is missing: build @parley/encoder first (npx tsc -b packages/encoder)`);
}

/**
 * The thread's young generation, in MB. V8 grows it up to 48 MB under the graph's many short-lived objects; capped
 * at 4 the thread's RSS is ~47 MB smaller, at the same texts per second (measured: 3,020 CLINC150 texts in batches).
 */
const YOUNG_GENERATION_MB = 4;

interface Running {
  id: number;
  resolve: (vectors: Float32Array) => void;
  reject: (error: Error) => void;
}

export class GraphThread {
  private readonly worker: Worker;
  /** The batch the thread runs (from when it is posted). */
  private running: Running | undefined;
  /** From run() until its batch settles, including while the thread still starts. */
  private active = false;
  /** Set when the thread failed to start or stopped: every later batch rejects with it. */
  private failure: Error | undefined;
  private readonly started: Promise<void>;

  constructor(file: string, data: GraphThreadData) {
    this.worker = new Worker(file, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.worker.unref();
    this.started = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (message: GraphThreadMessage) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'vectors') this.settle(message.id, (running) => running.resolve(message.vectors));
        else if (message.id === undefined) reject(this.fail(new Error(`the sentence encoder's graph did not load: ${message.message}`)));
        else this.settle(message.id, (running) => running.reject(new Error(`the sentence encoder failed: ${message.message}`)));
      });
      this.worker.on('error', (error) => reject(this.fail(error)));
      this.worker.on('exit', (code) => reject(this.fail(new Error(`the sentence encoder's thread stopped (exit code ${code})`))));
    });
    // A thread that fails before any batch waits for it must not be an unhandled rejection.
    this.started.catch(() => undefined);
  }

  get busy(): boolean {
    return this.active;
  }

  /** False once the thread failed or stopped. */
  get usable(): boolean {
    return this.failure === undefined;
  }

  /** Runs one batch; the thread must not be busy. */
  async run(request: GraphRequest): Promise<Float32Array> {
    if (this.failure !== undefined) throw this.failure;
    if (this.active) throw new Error('a graph thread runs one batch at a time');
    this.active = true;
    this.worker.ref();
    try {
      await this.started;
      return await new Promise<Float32Array>((resolve, reject) => {
        this.running = { id: request.id, resolve, reject };
        this.worker.postMessage(request);
      });
    } finally {
      this.active = false;
      this.running = undefined;
      this.worker.unref();
    }
  }

  async stop(): Promise<void> {
    this.fail(new Error('the sentence encoder is closed'));
    await this.worker.terminate();
  }

  private settle(id: number, action: (running: Running) => void): void {
    if (this.running?.id === id) action(this.running);
  }

  /** Records the first failure and rejects the running batch with it. */
  private fail(error: Error): Error {
    this.failure ??= error;
    this.running?.reject(this.failure);
    return this.failure;
  }
}
