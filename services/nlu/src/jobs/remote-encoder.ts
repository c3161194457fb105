/**
 * The sentence encoder as a training worker process sees it: each encode() asks the service (a WorkerMessage
 * 'encode') and resolves when the service answers with the vectors ('vectors'), in order. The encoder itself, its
 * threads and its cache of training phrases live in the service, so a retraining reuses the vectors of every phrase
 * that did not change.
 */
import type { SentenceEncoder } from '@parley/nlu';
import { deserializeError, type ServiceMessage, type WorkerMessage } from './worker-messages';

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

  encode(texts: readonly string[]): Promise<Float32Array[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ texts: [...texts], resolve, reject });
      this.post({ type: 'encode', texts: [...texts] });
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
