/**
 * Training in a worker thread. The worker runs the compiled service (dist), so this test needs a build first
 * (`npx tsc -b services/nlu`; `npm test` builds before testing).
 */
import { existsSync } from 'node:fs';
import { ParleyError, type BotDefinition, type TrainProgressEvent } from '@parley/domain';
import { loadModel, parseDefinition } from '@parley/nlu';
import { beforeAll, describe, expect, it } from 'vitest';
import { InlineTrainer } from './inline-trainer';
import { WorkerTrainer, trainingWorkerFile } from './worker-trainer';

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
    const artifact = await new WorkerTrainer().train(definition, {
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
