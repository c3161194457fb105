import { describe, expect, it } from 'vitest';
import { ENCODE_CHUNK, RemoteEncoder } from './remote-encoder';
import type { WorkerMessage } from './worker-messages';

/** A service that answers each request on the next turn, with vectors holding the text's index in their first value. */
function serving(): { encoder: RemoteEncoder; requests: string[][] } {
  const requests: string[][] = [];
  const encoder: RemoteEncoder = new RemoteEncoder('test@1', 2, (message: WorkerMessage) => {
    if (message.type !== 'encode') return;
    requests.push(message.texts);
    setImmediate(() =>
      encoder.answer({ type: 'vectors', texts: message.texts, vectors: message.texts.map((text) => Float32Array.of(Number(text), 0)) }),
    );
  });
  return { encoder, requests };
}

describe('RemoteEncoder', () => {
  it('asks for a large bot in chunks, and returns every vector in order', async () => {
    const { encoder, requests } = serving();
    const texts = Array.from({ length: 2 * ENCODE_CHUNK + 5 }, (_, i) => String(i));
    const vectors = await encoder.encode(texts);
    expect(requests.map((request) => request.length)).toEqual([ENCODE_CHUNK, ENCODE_CHUNK, 5]);
    expect(vectors.map((vector) => vector[0])).toEqual(texts.map(Number));
  });

  it('rejects with the error the service sends', async () => {
    const encoder: RemoteEncoder = new RemoteEncoder('test@1', 2, () =>
      setImmediate(() => encoder.answer({ type: 'vectors-failed', error: { message: 'the sentence encoder is closed' } })),
    );
    await expect(encoder.encode(['hi'])).rejects.toThrow('the sentence encoder is closed');
  });
});
