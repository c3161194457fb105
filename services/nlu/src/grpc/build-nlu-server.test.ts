/** The server buildNluServer wires on a model directory: models persist across servers; the memory cap holds. */
import { status } from '@grpc/grpc-js';
import { type nluV1 } from '@parley/proto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Trainer } from '../jobs/trainer';
import {
  greetings,
  named,
  tempDir,
  removeTempDirs,
  startServer,
  call,
  failure,
  trainedVersion,
  predict,
  getModel,
  expectError,
} from '@parley/testkit/nlu-service/nlu-grpc-server';

afterAll(removeTempDirs);

class NoTrainer implements Trainer {
  train(): never {
    throw new Error('the restarted server trained');
  }
}

describe('NLU gRPC server: persistence and memory', () => {
  it('a new server on the same directory answers at once, without training', async () => {
    const dir = await tempDir();
    const first = await startServer(dir);
    const version = await trainedVersion(first.client, greetings());
    const before = await predict(first.client, { model: 'greetings', text: 'see you later' });
    await first.close();

    const second = await startServer(dir, {}, { trainer: new NoTrainer() });
    try {
      expect((await getModel(second.client, 'greetings')).versions[0]?.loaded).toBe(true);
      const after = await predict(second.client, { model: 'greetings', text: 'see you later' });
      expect(after).toEqual(before);
      const job = await call<nluV1.TrainingJob__Output>((options, callback) =>
        second.client.StartTraining({ definition: greetings() }, options, callback),
      );
      expect(job.result).toMatchObject({ reused: true, version });
    } finally {
      await second.close();
    }
  });

  it('unloads the least recently used model under the memory cap and reloads it on demand', async () => {
    const dir = await tempDir();
    const probe = await startServer(dir);
    await trainedVersion(probe.client, named('one'));
    await trainedVersion(probe.client, named('two'));
    const size = Number((await getModel(probe.client, 'one')).versions[0]?.sizeBytes);
    await probe.close();

    const capMb = ((size * 1.5) / 1024 / 1024).toFixed(6);
    const server = await startServer(dir, { PARLEY_MODEL_MEMORY_MB: capMb }, { trainer: new NoTrainer() });
    try {
      expect((await predict(server.client, { model: 'one', text: 'hello' })).intent).toBe('greet');
      expect((await predict(server.client, { model: 'two', text: 'hello' })).intent).toBe('greet');
      expect((await getModel(server.client, 'one')).versions[0]?.loaded).toBe(false);
      expect((await getModel(server.client, 'two')).versions[0]?.loaded).toBe(true);
      expect((await predict(server.client, { model: 'one', text: 'goodbye' })).intent).toBe('bye');
      expect((await getModel(server.client, 'one')).versions[0]?.loaded).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('RESOURCE_EXHAUSTED for a model larger than the whole memory cap', async () => {
    const server = await startServer(await tempDir(), { PARLEY_MODEL_MEMORY_MB: '0.001' });
    try {
      await trainedVersion(server.client, greetings());
      expectError(await failure(predict(server.client, { model: 'greetings', text: 'hello' })), status.RESOURCE_EXHAUSTED, 'model');
    } finally {
      await server.close();
    }
  });
});
