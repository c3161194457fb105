/** predict-streams.ts over real gRPC: answers by id on one stream, refused requests, bad bytes, shutdown. */
import { credentials, makeClientConstructor, status, type ServiceError } from '@grpc/grpc-js';
import { type nluV1 } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NluClient,
  greetings,
  type Running,
  tempDir,
  removeTempDirs,
  startServer,
  trainedVersion,
  expectError,
} from '@parley/testkit/nlu-service/nlu-grpc-server';

afterAll(removeTempDirs);

describe('NLU gRPC server: PredictStream', () => {
  let server: Running;

  beforeAll(async () => {
    server = await startServer(await tempDir());
    await trainedVersion(server.client, greetings());
  });
  afterAll(() => server.close());

  /** Sends the requests on one stream and collects the answers by id until every one has come. */
  function exchange(
    stream: ReturnType<NluClient['PredictStream']>,
    requests: nluV1.PredictStreamRequest[],
  ): Promise<Map<number, nluV1.PredictStreamResponse__Output>> {
    return new Promise((resolve, reject) => {
      const answers = new Map<number, nluV1.PredictStreamResponse__Output>();
      const onData = (answer: nluV1.PredictStreamResponse__Output): void => {
        answers.set(answer.id, answer);
        if (answers.size === requests.length) {
          stream.off('data', onData);
          resolve(answers);
        }
      };
      stream.on('data', onData);
      stream.once('error', reject);
      for (const request of requests) stream.write(request);
    });
  }

  it('answers each request once by its id, a refused one with its status, and keeps the stream open', async () => {
    const stream = server.client.PredictStream();
    const answers = await exchange(stream, [
      { id: 1, request: { model: 'greetings', text: 'hello', scope: 'start' }, requestId: 'trace-1' },
      { id: 2, request: { model: 'greetings', text: '   ' } },
      { id: 3, request: { model: 'nope', text: 'hello' } },
      { id: 4, request: { model: 'greetings', text: 'what is the weather in BCN', rankingLimit: 1 } },
    ]);
    expect(answers.get(1)?.prediction).toMatchObject({ intent: 'greet', scope: 'start' });
    // The registry code and field Predict sends as trailing metadata travel in the answer.
    expect(answers.get(2)).toMatchObject({
      result: 'error',
      error: { code: status.INVALID_ARGUMENT, errorCode: 'TEXT_EMPTY', field: 'text' },
    });
    expect(answers.get(3)).toMatchObject({
      result: 'error',
      error: { code: status.NOT_FOUND, errorCode: 'MODEL_NOT_FOUND', field: 'model' },
    });
    expect(answers.get(3)?.error?.details).toMatch(/nope/);
    expect(answers.get(4)?.prediction?.intent).toBe('weather');
    expect(answers.get(4)?.prediction?.ranking).toHaveLength(1);
    // Still open after the refusals.
    const again = await exchange(stream, [{ id: 5, request: { model: 'greetings', text: 'bye' } }]);
    expect(again.get(5)?.prediction?.intent).toBe('bye');
    stream.end();
  });

  it('ends the stream with INVALID_ARGUMENT on bytes that are not a request', async () => {
    const raw = new (makeClientConstructor({}, 'raw'))(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const stream = raw.makeBidiStreamRequest(
      '/parley.nlu.v1.Nlu/PredictStream',
      (bytes: Buffer) => bytes,
      (bytes: Buffer) => bytes,
    );
    const error = await new Promise<ServiceError>((resolve) => {
      stream.on('error', resolve);
      stream.on('data', () => undefined);
      stream.write(Buffer.from([0x0f, 0xff, 0xff]));
    });
    expectError(error, status.INVALID_ARGUMENT, 'request');
    raw.close();
  });

  it('ends its open streams at shutdown once answered, without waiting out the grace period', async () => {
    const own = await startServer(await tempDir());
    await trainedVersion(own.client, greetings());
    const stream = own.client.PredictStream();
    const answers = await exchange(stream, [{ id: 1, request: { model: 'greetings', text: 'hello' } }]);
    expect(answers.get(1)?.prediction?.intent).toBe('greet');
    const ended = new Promise<void>((resolve) => stream.on('end', resolve).on('error', () => resolve()));
    const started = Date.now();
    await own.close();
    await ended;
    expect(Date.now() - started).toBeLessThan(1_500); // the grace period here is 2,000 ms
  });
});
