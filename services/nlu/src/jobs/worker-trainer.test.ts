/**
 * Training in a worker thread. The worker runs the compiled service (dist), so this test needs a build first
 * (`npx tsc -b services/nlu`; `npm test` builds before testing).
 */
import { existsSync } from 'node:fs';
import { ParleyError, type BotDefinition, type TrainProgressEvent } from '@parley/domain';
import { loadModel, parseDefinition } from '@parley/nlu';
import { beforeAll, describe, expect, it } from 'vitest';
import { WordHashEncoder } from '@parley/testkit/nlu/word-hash-encoder';
import { InlineTrainer } from './inline-trainer';
import { WorkerTrainer, trainingHeapMb, trainingWorkerFile } from './worker-trainer';

const definition: BotDefinition = parseDefinition({
  name: 'tiny',
  intents: [
    { name: 'greet', trainingSentences: ['hello', 'hi there', 'good morning'] },
    { name: 'bye', trainingSentences: ['bye', 'see you later', 'goodbye'] },
    { name: 'thanks', trainingSentences: ['thank you', 'thanks a lot', 'cheers'] },
  ],
});

describe('WorkerTrainer', () => {
  beforeAll(() => {
    if (!existsSync(trainingWorkerFile())) throw new Error(`${trainingWorkerFile()} is missing: run npx tsc -b services/nlu first`);
  });

  it('trains in a worker process: progress arrives, the event loop stays free, the artifact equals inline training', async () => {
    const events: TrainProgressEvent[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = Date.now();
    // A budget far above what this needs: the heap limit it sets leaves ordinary training alone.
    const artifact = await new WorkerTrainer({ memoryBytes: 1024 * 1024 * 1024 }).train(definition, {
      onProgress: (event) => events.push(event),
      signal: new AbortController().signal,
    });
    clearInterval(timer);
    const elapsed = Date.now() - started;
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ scope: '*', epoch: events.at(-1)?.epochs });
    // A blocked loop would tick a handful of times at most; a free one ticks about every 5 ms.
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
    const inline = await new InlineTrainer().train(definition, { onProgress: () => undefined, signal: new AbortController().signal });
    const fromWorker = loadModel(artifact);
    const fromInline = loadModel(inline);
    for (const text of ['hello', 'thanks so much', 'see you']) expect(fromWorker.predict(text)).toEqual(fromInline.predict(text));
  });

  it('with a sentence encoder, the worker asks the service for vectors, and its artifact equals inline training', async () => {
    const withEncoder = { ...definition, config: { ...definition.config, encoder: 'use-lite' as const } };
    const served = new WordHashEncoder();
    const options = (encoder: WordHashEncoder) => ({ onProgress: () => undefined, signal: new AbortController().signal, encoder });
    const fromWorker = await new WorkerTrainer().train(withEncoder, options(served));
    const inline = await new InlineTrainer().train(withEncoder, options(new WordHashEncoder()));
    // The service's encoder did the encoding, asked once for every training phrase and intent phrase.
    expect(served.encoded).toHaveLength(9 + 3);
    expect(fromWorker.manifest['encoder']).toBe('word-hash@1');
    expect(Buffer.from(fromWorker.weights).equals(Buffer.from(inline.weights))).toBe(true);
    for (const key of ['version', 'encoder', 'calibration', 'layout']) expect(fromWorker.manifest[key]).toEqual(inline.manifest[key]);
  });

  it(
    'a training that needs more memory than its budget is killed and fails saying so, naming PARLEY_TRAINING_MEMORY_MB',
    { timeout: 90_000 },
    async () => {
      // 1500 intents: about 330 MB of resident memory, most of it outside the JavaScript heap; the tiny definition
      // peaks near 100 MB, so a 200 MB budget trains the one and stops the other.
      const budget = { memoryBytes: 200 * 1024 * 1024 };
      const small = await new WorkerTrainer(budget).train(definition, {
        onProgress: () => undefined,
        signal: new AbortController().signal,
      });
      expect(small.weights.byteLength).toBeGreaterThan(0);
      const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'theta', 'kappa', 'sigma', 'omega'];
      const large = parseDefinition({
        name: 'large',
        intents: Array.from({ length: 1500 }, (_, i) => ({
          name: `intent_${i}`,
          trainingSentences: Array.from({ length: 5 }, (_, j) => `${words[i % 10]} ${words[(i + j) % 10]} item${i} part${j}`),
        })),
      });
      const error = await new WorkerTrainer(budget)
        .train(large, { onProgress: () => undefined, signal: new AbortController().signal })
        .then(
          () => undefined,
          (reason: unknown) => reason,
        );
      expect(error).toBeInstanceOf(ParleyError);
      expect((error as ParleyError).code).toBe('RESOURCE_EXHAUSTED');
      expect((error as ParleyError).message).toMatch(
        /^training ran out of memory: the training process used \d+ MB, and a training may use 200 MB \(PARLEY_TRAINING_MEMORY_MB\)/,
      );
    },
  );

  it('the heap limit is half the memory budget, never under 32 MB', () => {
    expect(trainingHeapMb(1024 * 1024 * 1024)).toBe(512);
    expect(trainingHeapMb(40 * 1024 * 1024)).toBe(32);
  });

  it('canceling kills the worker and rejects with CANCELED', async () => {
    const abort = new AbortController();
    const training = new WorkerTrainer().train(definition, { onProgress: () => abort.abort(), signal: abort.signal });
    const error = await training.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe('CANCELED');
  });

  it('passes a ParleyError from the worker through with its code and field', async () => {
    const empty = { ...definition, intents: [{ name: 'noise', trainingSentences: ['!!!'], parameters: [] }] };
    const error = await new WorkerTrainer().train(empty, { onProgress: () => undefined, signal: new AbortController().signal }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe('INVALID_DEFINITION');
  });
});
