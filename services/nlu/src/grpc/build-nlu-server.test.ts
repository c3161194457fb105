/**
 * The server buildNluServer wires on a model directory: models persist across servers; the memory cap holds;
 * connections are recycled after their maximum age and its grace.
 */
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { loadNluPackage, type nluV1 } from '@parley/proto';
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

describe('NLU gRPC server: connection age', () => {
  it('recycles connections: after the maximum age and its grace, a stream still open is cut, and new calls reconnect', async () => {
    // Trained on a server of its own first: a training longer than age and grace (a loaded machine) would be cut too.
    const dir = await tempDir();
    const trainer = await startServer(dir);
    await trainedVersion(trainer.client, greetings());
    await trainer.close();
    const own = await startServer(dir, {
      PARLEY_NLU_MAX_CONNECTION_AGE_MS: '1000',
      PARLEY_NLU_MAX_CONNECTION_AGE_GRACE_MS: '300',
    });
    // A channel of its own, so its one connection starts now.
    const { grpcObject } = loadNluPackage();
    const client = new grpcObject.parley.nlu.v1.Nlu(`127.0.0.1:${own.port}`, credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': 1,
    });
    try {
      const started = Date.now();
      const stream = client.PredictStream();
      const cut = new Promise<ServiceError>((resolve) => stream.on('error', resolve));
      stream.on('data', () => undefined); // answered or not before the cut: only the cut matters here
      stream.write({ id: 1, request: { model: 'greetings', text: 'hello' } });
      expect((await cut).code).toBe(status.UNAVAILABLE);
      // 1,000 ms ± 10 % of age, then 300 ms of grace (the connection opened at or after `started`).
      expect(Date.now() - started).toBeGreaterThan(900 + 300 - 50);
      expect(Date.now() - started).toBeLessThan(5_000);
      // Calls go on over a new connection. Every connection here is cut after about 1.3 s, so on a loaded machine a
      // call may meet the next cut: one more try then.
      const ask = () => predict(client, { model: 'greetings', text: 'bye' });
      const answer = await ask().catch((error: ServiceError) => (error.code === status.UNAVAILABLE ? ask() : Promise.reject(error)));
      expect(answer.intent).toBe('bye');
    } finally {
      client.close();
      await own.close();
    }
  });
});
