/**
 * The NLU service over real gRPC: a server on 127.0.0.1:0, real clients with deadlines, a real model directory.
 * Training runs inline here (worker-trainer.test.ts covers the worker process).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, loadPackageDefinition, makeClientConstructor, status, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { loadNluPackage, NLU_PROTO_FILE, PROTO_LOADER_OPTIONS, protoDir, type nluV1 } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Trainer } from '../jobs/trainer';
import { GatedTrainer } from '../testing/gated-trainer';
import { buildNluServer, type NluServerDeps } from './build-nlu-server';
import { ERROR_FIELD_METADATA } from './to-grpc-status';

type NluClient = nluV1.NluClient;
const DEADLINE_MS = 15_000;

function greetings(extra: string[] = []): nluV1.BotDefinition {
  return {
    name: 'greetings',
    intents: [
      { name: 'greet', trainingSentences: ['hello', 'hi there', 'good morning', 'hey', ...extra] },
      { name: 'bye', trainingSentences: ['bye', 'see you later', 'goodbye', 'good night'] },
      {
        name: 'weather',
        trainingSentences: ['what is the weather in CITY', 'is it raining in CITY', 'weather forecast for CITY'],
        parameters: [{ name: 'city', fragment: 'CITY', entity: 'city' }],
      },
    ],
    entities: [{ name: 'city', entries: [{ value: 'Barcelona', synonyms: ['BCN'] }, { value: 'Paris' }] }],
    scopes: [{ name: 'start', intents: ['greet', 'bye'] }],
  };
}

function named(name: string): nluV1.BotDefinition {
  return { ...greetings(), name };
}

interface Running {
  client: NluClient;
  port: number;
  close(): Promise<void>;
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-nlu-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function startServer(dir: string, env: Record<string, string> = {}, deps: NluServerDeps = {}): Promise<Running> {
  const config = loadConfig({
    PARLEY_MODEL_DIR: dir,
    PARLEY_LOG_LEVEL: 'silent',
    PARLEY_NLU_TRAINER: 'inline',
    PARLEY_MAX_TEXT_LENGTH: '50',
    PARLEY_MAX_BATCH: '4',
    PARLEY_SHUTDOWN_GRACE_MS: '2000',
    ...env,
  });
  const server = await buildNluServer(config, deps);
  const { port } = await server.listen('127.0.0.1', 0);
  await server.ready;
  const { grpcObject } = loadNluPackage();
  const client = new grpcObject.parley.nlu.v1.Nlu(`127.0.0.1:${port}`, credentials.createInsecure());
  return {
    client,
    port,
    close: async () => {
      client.close();
      await server.close();
    },
  };
}

type Callback<Res> = (error: ServiceError | null, response?: Res) => void;
function call<Res>(invoke: (options: { deadline: Date }, callback: Callback<Res>) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    invoke({ deadline: new Date(Date.now() + DEADLINE_MS) }, (error, response) => (error ? reject(error) : resolve(response as Res)));
  });
}

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('the call succeeded');
}

function stream(start: () => NodeJS.ReadableStream): Promise<nluV1.TrainProgress__Output[]> {
  return new Promise((resolve, reject) => {
    const messages: nluV1.TrainProgress__Output[] = [];
    start()
      .on('data', (message: nluV1.TrainProgress__Output) => messages.push(message))
      .on('error', reject)
      .on('end', () => resolve(messages));
  });
}

function train(client: NluClient, definition: nluV1.BotDefinition, aliases: string[] = []): Promise<nluV1.TrainProgress__Output[]> {
  return stream(() => client.Train({ definition, aliases }, { deadline: new Date(Date.now() + 60_000) }));
}

async function trainedVersion(client: NluClient, definition: nluV1.BotDefinition, aliases: string[] = []): Promise<string> {
  const last = (await train(client, definition, aliases)).at(-1);
  expect(last?.state).toBe('JOB_STATE_DONE');
  return last?.result?.version ?? '';
}

function predict(client: NluClient, request: nluV1.PredictRequest): Promise<nluV1.IntentClassifierPrediction__Output> {
  return call((options, callback) => client.Predict(request, options, callback));
}

function getModel(client: NluClient, model: string): Promise<nluV1.Model__Output> {
  return call((options, callback) => client.GetModel({ model }, options, callback));
}

function expectError(error: ServiceError, code: status, field?: string): void {
  expect(status[error.code]).toBe(status[code]);
  if (field !== undefined) {
    expect(error.metadata.get(ERROR_FIELD_METADATA)).toEqual([field]);
    expect(error.details).toContain(field.split(/[.[]/)[0]);
  }
}

describe('NLU gRPC server: train, predict, manage models', () => {
  let server: Running;
  let version = '';

  beforeAll(async () => {
    server = await startServer(await tempDir());
  });
  afterAll(() => server.close());

  it('Train streams progress and ends with the model version and per-scope stats', async () => {
    const messages = await train(server.client, greetings());
    expect(messages.some((message) => message.state === 'JOB_STATE_TRAINING' && message.epochs > 0)).toBe(true);
    const last = messages.at(-1);
    expect(last?.state).toBe('JOB_STATE_DONE');
    expect(last?.result?.modelId).toBe('greetings');
    expect(last?.result?.reused).toBe(false);
    expect(last?.result?.scopeStats.map((stats) => stats.scope).sort()).toEqual(['*', 'start']);
    version = last?.result?.version ?? '';
    expect(version).not.toBe('');
  });

  it('Predict answers with the trained version, one entry per declared parameter', async () => {
    const hello = await predict(server.client, { model: 'greetings', text: 'hello' });
    expect(hello).toMatchObject({ intent: 'greet', modelVersion: version, scope: '*', fallbackReason: 'FALLBACK_REASON_NONE' });
    expect(hello.ranking.map((entry) => entry.intent).sort()).toEqual(['bye', 'greet', 'weather']);
    const weather = await predict(server.client, { model: 'greetings', text: 'what is the weather in Paris' });
    expect(weather.intent).toBe('weather');
    expect(weather.matchedParameters.map((parameter) => parameter.name)).toEqual(['city']);
  });

  it('Predict keeps the best ranking_limit entries of the ranking when asked (0 = all)', async () => {
    const full = await predict(server.client, { model: 'greetings', text: 'hello' });
    const top = await predict(server.client, { model: 'greetings', text: 'hello', rankingLimit: 1 });
    expect(full.ranking).toHaveLength(3);
    expect(top.ranking).toEqual(full.ranking.slice(0, 1));
    expect(top.intent).toBe(full.intent);
  });

  it("Predict in a scope only ranks that scope's intents; an unknown scope is NOT_FOUND", async () => {
    const scoped = await predict(server.client, { model: 'greetings', text: 'good morning', scope: 'start' });
    expect(scoped.scope).toBe('start');
    expect(scoped.ranking.map((entry) => entry.intent).sort()).toEqual(['bye', 'greet']);
    expectError(await failure(predict(server.client, { model: 'greetings', text: 'hi', scope: 'nowhere' })), status.NOT_FOUND, 'scope');
  });

  it('PredictBatch answers each text in order and enforces the batch limits', async () => {
    const batch = await call<nluV1.PredictBatchResponse__Output>((options, callback) =>
      server.client.PredictBatch({ model: 'greetings', texts: ['hello', 'goodbye', 'weather in Paris'] }, options, callback),
    );
    expect(batch.predictions.map((prediction) => prediction.intent)).toEqual(['greet', 'bye', 'weather']);
    const tooMany = call((options, callback) =>
      server.client.PredictBatch({ model: 'greetings', texts: ['a', 'b', 'c', 'd', 'e'] }, options, callback),
    );
    expectError(await failure(tooMany), status.RESOURCE_EXHAUSTED, 'texts');
    const blank = call((options, callback) => server.client.PredictBatch({ model: 'greetings', texts: ['hello', ' '] }, options, callback));
    expectError(await failure(blank), status.INVALID_ARGUMENT, 'texts[1]');
  });

  it("a client generated from nlu.proto by stock proto-loader reads the same answers as @parley/proto's client", async () => {
    const definition = loadSync(NLU_PROTO_FILE, { ...PROTO_LOADER_OPTIONS, includeDirs: [protoDir()] });
    const Plain = (loadPackageDefinition(definition) as unknown as { parley: { nlu: { v1: { Nlu: typeof Client } } } }).parley.nlu.v1.Nlu;
    const plain = new Plain(`127.0.0.1:${server.port}`, credentials.createInsecure()) as unknown as NluClient;
    try {
      const request = { model: 'greetings', text: 'what is the weather in BCN' };
      const [ours, theirs] = await Promise.all([predict(server.client, request), predict(plain, request)]);
      expect(theirs).toEqual(ours);
      expect(ours).toMatchObject({ intent: 'weather', matchedParameters: [{ name: 'city', value: { stringValue: 'Barcelona' } }] });
      const texts = ['hello', 'goodbye'];
      const batch = (client: NluClient) =>
        call<nluV1.PredictBatchResponse__Output>((options, callback) =>
          client.PredictBatch({ model: 'greetings', texts }, options, callback),
        );
      expect(await batch(plain)).toEqual(await batch(server.client));
    } finally {
      plain.close();
    }
  });

  it('Evaluate scores labelled examples: per intent, confusions, threshold sweep', async () => {
    const examples = [
      { text: 'hello', intent: 'greet' },
      { text: 'good morning to you', intent: 'greet' },
      { text: 'see you later', intent: 'bye' },
      { text: 'is it raining in Paris', intent: 'weather' },
      { text: 'purple elephants dance', intent: 'oos' },
    ];
    const report = await call<nluV1.EvaluateResponse__Output>((options, callback) =>
      server.client.Evaluate({ model: 'greetings', examples }, options, callback),
    );
    expect(report.examples).toBe(5);
    expect(report.perIntent.map((row) => row.intent)).toEqual(expect.arrayContaining(['bye', 'greet', 'weather']));
    expect(report.top1Accuracy).toBeGreaterThan(0.7);
    expect(report.oosRecall).toBeTypeOf('number');
    expect(report.thresholdSweep.length).toBeGreaterThan(1);
    const empty = call((options, callback) => server.client.Evaluate({ model: 'greetings', examples: [] }, options, callback));
    expectError(await failure(empty), status.INVALID_ARGUMENT, 'examples');
    const blank = call((options, callback) =>
      server.client.Evaluate({ model: 'greetings', examples: [{ text: '', intent: 'greet' }] }, options, callback),
    );
    expectError(await failure(blank), status.INVALID_ARGUMENT, 'examples[0].text');
  });

  it('GetModel and ListModels show versions, aliases and what is loaded', async () => {
    const model = await getModel(server.client, 'greetings');
    expect(model.aliases).toEqual({ production: version, latest: version });
    expect(model.versions).toHaveLength(1);
    expect(model.versions[0]).toMatchObject({ version, intents: 3, examples: 11, loaded: true, scopes: ['*', 'start'] });
    expect(Number(model.versions[0]?.sizeBytes)).toBeGreaterThan(0);
    const list = await call<nluV1.ListModelsResponse__Output>((options, callback) => server.client.ListModels({}, options, callback));
    expect(list.models.map((entry) => entry.id)).toEqual(['greetings']);
  });

  it('training an unchanged definition reuses the version at once', async () => {
    const started = Date.now();
    const job = await call<nluV1.TrainingJob__Output>((options, callback) =>
      server.client.StartTraining({ definition: greetings() }, options, callback),
    );
    const elapsed = Date.now() - started;
    expect(job).toMatchObject({ state: 'JOB_STATE_DONE', version, result: { reused: true, version } });
    expect(elapsed).toBeLessThan(500);
  });

  it('aliases: a new version moves latest and the requested aliases only; SetAlias promotes it', async () => {
    const staged = await trainedVersion(server.client, greetings(['hiya']), ['staging']);
    expect(staged).not.toBe(version);
    expect((await predict(server.client, { model: 'greetings', text: 'hello' })).modelVersion).toBe(version);
    expect((await predict(server.client, { model: 'greetings', text: 'hello', ref: 'staging' })).modelVersion).toBe(staged);
    expect((await predict(server.client, { model: 'greetings', text: 'hello', ref: 'latest' })).modelVersion).toBe(staged);
    expect((await predict(server.client, { model: 'greetings', text: 'hello', ref: version })).modelVersion).toBe(version);
    const promoted = await call<nluV1.Model__Output>((options, callback) =>
      server.client.SetAlias({ model: 'greetings', alias: 'production', version: staged }, options, callback),
    );
    expect(promoted.aliases).toMatchObject({ production: staged, staging: staged, latest: staged });
    expect((await predict(server.client, { model: 'greetings', text: 'hello' })).modelVersion).toBe(staged);
    const missing = call((options, callback) =>
      server.client.SetAlias({ model: 'greetings', alias: 'production', version: 'nope' }, options, callback),
    );
    expectError(await failure(missing), status.NOT_FOUND, 'version');
    expectError(await failure(predict(server.client, { model: 'greetings', text: 'hello', ref: 'canary' })), status.NOT_FOUND, 'ref');
  });

  it('DeleteModel removes one version, then the whole model', async () => {
    const remove = (request: nluV1.DeleteModelRequest) =>
      call<nluV1.DeleteModelResponse__Output>((options, callback) => server.client.DeleteModel(request, options, callback));
    expect((await remove({ model: 'greetings', version })).deleted).toBe(true);
    expect((await getModel(server.client, 'greetings')).versions.map((entry) => entry.version)).not.toContain(version);
    expectError(await failure(predict(server.client, { model: 'greetings', text: 'hi', ref: version })), status.NOT_FOUND, 'ref');
    expect((await remove({ model: 'greetings' })).deleted).toBe(true);
    expectError(await failure(predict(server.client, { model: 'greetings', text: 'hi' })), status.NOT_FOUND, 'model');
    expectError(await failure(remove({ model: 'greetings' })), status.NOT_FOUND, 'model');
  });

  it('answers INVALID_ARGUMENT naming the field: empty text, text over the limit, missing model, malformed definition', async () => {
    await trainedVersion(server.client, greetings());
    expectError(await failure(predict(server.client, { model: 'greetings', text: '' })), status.INVALID_ARGUMENT, 'text');
    expectError(await failure(predict(server.client, { model: 'greetings', text: 'x'.repeat(51) })), status.INVALID_ARGUMENT, 'text');
    expectError(await failure(predict(server.client, { model: '', text: 'hello' })), status.INVALID_ARGUMENT, 'model');
    expectError(await failure(predict(server.client, { model: 'unknown', text: 'hello' })), status.NOT_FOUND, 'model');
    const bad = { ...greetings(), config: { threshold: 2 } };
    expectError(await failure(train(server.client, bad)), status.INVALID_ARGUMENT, 'config.threshold');
    const unknownEntity = greetings();
    unknownEntity.intents![2]!.parameters![0]!.entity = 'town';
    expectError(await failure(train(server.client, unknownEntity)), status.INVALID_ARGUMENT, 'intents[2].parameters[0].entity');
    const start = call((options, callback) => server.client.StartTraining({}, options, callback));
    expectError(await failure(start), status.INVALID_ARGUMENT, 'definition');
    const badAlias = call((options, callback) =>
      server.client.StartTraining({ definition: greetings(), aliases: ['no way'] }, options, callback),
    );
    expectError(await failure(badAlias), status.INVALID_ARGUMENT, 'aliases[0]');
  });

  it('refuses model ids and versions that would escape the model directory', async () => {
    expectError(await failure(predict(server.client, { model: '../greetings', text: 'hello' })), status.INVALID_ARGUMENT, 'model');
    expectError(await failure(predict(server.client, { model: 'greetings', ref: '../x', text: 'hello' })), status.INVALID_ARGUMENT, 'ref');
    const remove = call((options, callback) => server.client.DeleteModel({ model: 'greetings', version: '../../tmp' }, options, callback));
    expectError(await failure(remove), status.INVALID_ARGUMENT, 'version');
    expect((await getModel(server.client, 'greetings')).versions.length).toBeGreaterThan(0);
  });

  it('answers NOT_FOUND for unknown jobs and FAILED_PRECONDITION for canceling a finished one', async () => {
    const job = await call<nluV1.TrainingJob__Output>((options, callback) =>
      server.client.StartTraining({ definition: greetings() }, options, callback),
    );
    const get = await call<nluV1.TrainingJob__Output>((options, callback) => server.client.GetJob({ jobId: job.id }, options, callback));
    expect(get.state).toBe('JOB_STATE_DONE');
    const watched = await stream(() => server.client.WatchJob({ jobId: job.id }));
    expect(watched.map((message) => message.state)).toEqual(['JOB_STATE_DONE']);
    const unknown = call((options, callback) => server.client.GetJob({ jobId: 'no-such-job' }, options, callback));
    expectError(await failure(unknown), status.NOT_FOUND, 'job_id');
    const cancel = call((options, callback) => server.client.CancelJob({ jobId: job.id }, options, callback));
    expectError(await failure(cancel), status.FAILED_PRECONDITION, 'job_id');
  });
});

describe('NLU gRPC server: training jobs', () => {
  it('FAILED_PRECONDITION while a model trains, RESOURCE_EXHAUSTED beyond the training limit, then cancel', async () => {
    const trainer = new GatedTrainer();
    const server = await startServer(await tempDir(), {}, { trainer });
    try {
      const job = await call<nluV1.TrainingJob__Output>((options, callback) =>
        server.client.StartTraining({ definition: greetings() }, options, callback),
      );
      expect(['JOB_STATE_PENDING', 'JOB_STATE_TRAINING']).toContain(job.state);
      const busy = await failure(predict(server.client, { model: 'greetings', text: 'hello' }));
      expectError(busy, status.FAILED_PRECONDITION, 'model');
      expect((await getModel(server.client, 'greetings')).activeJobs.map((active) => active.id)).toEqual([job.id]);
      const second = call((options, callback) => server.client.StartTraining({ definition: named('other') }, options, callback));
      expectError(await failure(second), status.RESOURCE_EXHAUSTED);
      const canceled = await call<nluV1.TrainingJob__Output>((options, callback) =>
        server.client.CancelJob({ jobId: job.id }, options, callback),
      );
      expect(canceled.state).toBe('JOB_STATE_CANCELED');
      expectError(await failure(predict(server.client, { model: 'greetings', text: 'hello' })), status.NOT_FOUND, 'model');
      trainer.open();
      const done = await train(server.client, named('other'));
      expect(done.at(-1)?.state).toBe('JOB_STATE_DONE');
    } finally {
      trainer.open();
      await server.close();
    }
  });
});

/** Fails the test if the server tries to train: a restarted server must answer from the model directory. */
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

// Health and reflection need no API key, even on a server that requires keys for everything else.
describe.each([
  ['open', {}],
  ['requiring API keys', { PARLEY_NLU_API_KEYS: 'health-test-key-0123456789' }],
])('NLU gRPC server (%s): health and reflection', (_label, env: Record<string, string>) => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer(await tempDir(), env);
  });
  afterAll(() => server.close());

  it('grpc.health.v1.Health says SERVING for the server and the Nlu service', async () => {
    const Health = makeClientConstructor(healthService, 'grpc.health.v1.Health');
    const health = new Health(`127.0.0.1:${server.port}`, credentials.createInsecure()) as unknown as Client & {
      check(request: { service: string }, options: { deadline: Date }, callback: Callback<{ status: string }>): void;
    };
    try {
      for (const name of ['', 'parley.nlu.v1.Nlu']) {
        const answer = await call<{ status: string }>((options, callback) => health.check({ service: name }, options, callback));
        expect(answer.status).toBe('SERVING');
      }
    } finally {
      health.close();
    }
  });

  it('server reflection lists the Nlu, health and reflection services', async () => {
    const reflectionProto = join(require.resolve('@grpc/reflection'), '..', '..', 'proto', 'grpc', 'reflection', 'v1', 'reflection.proto');
    const loaded = loadPackageDefinition(loadSync(reflectionProto, { keepCase: true })) as unknown as {
      grpc: {
        reflection: {
          v1: {
            ServerReflection: new (
              address: string,
              creds: ReturnType<typeof credentials.createInsecure>,
            ) => Client & {
              ServerReflectionInfo(): NodeJS.ReadWriteStream;
            };
          };
        };
      };
    };
    const reflection = new loaded.grpc.reflection.v1.ServerReflection(`127.0.0.1:${server.port}`, credentials.createInsecure());
    try {
      const names = await new Promise<string[]>((resolve, reject) => {
        const duplex = reflection.ServerReflectionInfo();
        duplex.on('data', (response: { list_services_response?: { service: Array<{ name: string }> } }) => {
          resolve((response.list_services_response?.service ?? []).map((entry) => entry.name));
          duplex.end();
        });
        duplex.on('error', reject);
        duplex.write({ list_services: '' } as never);
      });
      expect(names).toEqual(expect.arrayContaining(['parley.nlu.v1.Nlu', 'grpc.health.v1.Health']));
    } finally {
      reflection.close();
    }
  });
});

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
    expect(answers.get(2)).toMatchObject({ result: 'error', error: { code: status.INVALID_ARGUMENT } });
    expect(answers.get(3)).toMatchObject({ result: 'error', error: { code: status.NOT_FOUND } });
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

  it('recycles connections: after the maximum age and its grace, a stream still open is cut, and new calls reconnect', async () => {
    const own = await startServer(await tempDir(), {
      PARLEY_NLU_MAX_CONNECTION_AGE_MS: '1000',
      PARLEY_NLU_MAX_CONNECTION_AGE_GRACE_MS: '300',
    });
    await trainedVersion(own.client, greetings());
    // A channel of its own, so its one connection starts now.
    const { grpcObject } = loadNluPackage();
    const client = new grpcObject.parley.nlu.v1.Nlu(`127.0.0.1:${own.port}`, credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': 1,
    });
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
    const predict = () =>
      call<nluV1.IntentClassifierPrediction__Output>((options, callback) =>
        client.Predict({ model: 'greetings', text: 'bye' }, options, callback),
      );
    const answer = await predict().catch((error: ServiceError) => (error.code === status.UNAVAILABLE ? predict() : Promise.reject(error)));
    expect(answer.intent).toBe('bye');
    client.close();
    await own.close();
  });
});
