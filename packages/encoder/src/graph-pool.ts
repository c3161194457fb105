/**
 * The graph threads and the queue in front of them. The main thread only queues token id sequences; requests that
 * arrive together (in the same turn of the event loop, or while every thread is busy) are run together, up to
 * MAX_BATCH sequences per graph call.
 *
 * A batch holds sequences of one length only. The graph pads a batch to its longest sequence, and padding changes
 * the last bits of the other sequences' vectors (measured: 400–500 of 512 floats differ by ~1e-7), whereas batches
 * of equal lengths give bit-identical vectors whatever their size. So a text's vector never depends on what it is
 * batched with; and no time goes into padding.
 */
import type { GraphThreadData } from './graph-messages';
import { GraphThread } from './graph-thread';
import { DIMENSION } from './use-lite-graph';

/** 64 kept ~32 MB more of a graph thread's wasm heap (which never shrinks) for ~4 % more texts per second. */
export const MAX_BATCH = 16;

interface Pending {
  ids: Int32Array;
  resolve: (vector: Float32Array) => void;
  reject: (error: Error) => void;
}

export interface GraphPoolOptions {
  threads: number;
  workerFile: string;
  data: GraphThreadData;
}

export class GraphPool {
  /** Started on the first request; a thread that failed is replaced by the next dispatch. */
  private readonly threads: (GraphThread | undefined)[];
  /** Waiting sequences by length, oldest group first (a Map keeps insertion order). */
  private readonly queues = new Map<number, Pending[]>();
  private flushScheduled = false;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: GraphPoolOptions) {
    this.threads = new Array<GraphThread | undefined>(options.threads).fill(undefined);
  }

  /** The sentence vector of one token id sequence. */
  submit(ids: Int32Array): Promise<Float32Array> {
    if (this.closed) return Promise.reject(new Error('the sentence encoder is closed'));
    return new Promise<Float32Array>((resolve, reject) => {
      const queue = this.queues.get(ids.length);
      if (queue === undefined) this.queues.set(ids.length, [{ ids, resolve, reject }]);
      else queue.push({ ids, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Stops the threads; waiting and running requests reject. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('the sentence encoder is closed');
    for (const queue of this.queues.values()) for (const pending of queue) pending.reject(error);
    this.queues.clear();
    await Promise.all(this.threads.filter((thread) => thread !== undefined).map((thread) => thread.stop()));
  }

  /** Dispatches after the current turn, so that the texts of one call, and of calls made together, share batches. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (let slot = 0; slot < this.threads.length && this.queues.size > 0 && !this.closed; slot++) {
      const thread = this.threads[slot];
      if (thread?.busy === true) continue;
      const usable = thread?.usable === true ? thread : this.startThread(slot);
      void this.runBatch(usable, this.takeBatch());
    }
  }

  private startThread(slot: number): GraphThread {
    const thread = new GraphThread(this.options.workerFile, this.options.data);
    this.threads[slot] = thread;
    return thread;
  }

  /** Up to MAX_BATCH sequences from the oldest group. */
  private takeBatch(): Pending[] {
    const [length, queue] = this.queues.entries().next().value as [number, Pending[]];
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length === 0) this.queues.delete(length);
    return batch;
  }

  private async runBatch(thread: GraphThread, batch: Pending[]): Promise<void> {
    try {
      const vectors = await thread.run({ id: this.nextId++, sequences: batch.map((pending) => pending.ids) });
      batch.forEach((pending, row) => pending.resolve(vectors.slice(row * DIMENSION, (row + 1) * DIMENSION)));
    } catch (error) {
      for (const pending of batch) pending.reject(error as Error);
    }
    this.dispatch();
  }
}
