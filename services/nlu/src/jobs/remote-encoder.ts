/**
 * The sentence encoder as a training worker process sees it: each encode() asks the service (a WorkerMessage
 * 'encode') and resolves when the service answers with the vectors ('vectors'), in order. The encoder itself, its
 * threads and its cache of training phrases live in the service, so a retraining reuses the vectors of every phrase
 * that did not change. A large bot's texts go in chunks (ENCODE_CHUNK).
 */
import type { SentenceEncoder } from '@parley/nlu';
import { deserializeError, type ServiceMessage, type WorkerMessage } from './worker-messages';

/**
 * Texts per request. The service encodes one request at a time, so it holds one request's vectors (4 MB), not a
 * whole bot's (CLINC150: 15,000 vectors, 61 MB, whose memory the service process kept after the training: its RSS
 * measured 442 MiB after training CLINC150 in one request, 319 MiB in chunks, with the encoder thread's young
 * generation capped as well). All requests are posted at once, so the encoder never waits for the worker between two.
 */
export const ENCODE_CHUNK = 1024;

interface Pending {
  texts: string[];
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
}

export class RemoteEncoder implements SentenceEncoder {
  private readonly pending: Pending[] = [];

  constructor(
    readonly identity: string,
    readonly dimension: number,
    private readonly post: (message: WorkerMessage) => void,
  ) {}

  /** Asks for ENCODE_CHUNK texts a request, all requests at once (the service answers them one after another). */
  async encode(texts: readonly string[]): Promise<Float32Array[]> {
    const chunks: Promise<Float32Array[]>[] = [];
    for (let start = 0; start < texts.length; start += ENCODE_CHUNK) chunks.push(this.request(texts.slice(start, start + ENCODE_CHUNK)));
    return (await Promise.all(chunks)).flat();
  }

  private request(texts: string[]): Promise<Float32Array[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ texts, resolve, reject });
      this.post({ type: 'encode', texts });
    });
  }

  /** Hands an answer of the service to the oldest request. */
  answer(message: Extract<ServiceMessage, { type: 'vectors' | 'vectors-failed' }>): void {
    const request = this.pending.shift();
    if (request === undefined) return;
    if (message.type === 'vectors-failed') request.reject(deserializeError(message.error));
    else if (message.vectors.length !== request.texts.length)
      request.reject(new Error('the service answered with the wrong number of vectors'));
    else request.resolve(message.vectors);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
