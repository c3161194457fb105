/** nlu-handlers.ts over real gRPC: Train, Predict, PredictBatch, Evaluate, models, aliases, jobs and their errors. */
import { credentials, loadPackageDefinition, status, type Client } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ERROR_CODE_METADATA, NLU_PROTO_FILE, PROTO_LOADER_OPTIONS, protoDir, type nluV1 } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatedTrainer } from '@parley/testkit/nlu-service/gated-trainer';
import {
  type NluClient,
  greetings,
  named,
  type Running,
  tempDir,
  removeTempDirs,
  startServer,
  call,
  failure,
  stream,
  train,
  trainedVersion,
  predict,
  getModel,
  expectError,
} from '@parley/testkit/nlu-service/nlu-grpc-server';

afterAll(removeTempDirs);

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
    expect(model.versions[0]).toMatchObject({
      version,
      intents: 3,
      examples: 11,
      loaded: true,
      engine: 'wasm-simd',
      scopes: ['*', 'start'],
    });
    expect(Number(model.versions[0]?.sizeBytes)).toBeGreaterThan(0);
    const list = await call<nluV1.ListModelsResponse__Output>((options, callback) => server.client.ListModels({}, options, callback));
    expect(list.models.map((entry) => entry.id)).toEqual(['greetings']);
  });

  it('PARLEY_NLU_KERNELS=off serves every model with the JS loops, and GetModel says so', async () => {
    const plain = await startServer(await tempDir(), { PARLEY_NLU_KERNELS: 'off' });
    try {
      const trained = await trainedVersion(plain.client, greetings());
      await predict(plain.client, { model: 'greetings', text: 'hello' });
      const model = await getModel(plain.client, 'greetings');
      expect(model.versions).toEqual([expect.objectContaining({ version: trained, loaded: true, engine: 'js' })]);
    } finally {
      await plain.close();
    }
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

  it('answers INVALID_ARGUMENT naming the field: empty text, text over the limit, missing model, malformed or word-less definition', async () => {
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
    // Refused before any job exists: a sentence of punctuation alone would leave training nothing to learn.
    const jobsBefore = (await getModel(server.client, 'greetings')).activeJobs.length;
    const wordless = train(server.client, greetings(['?!']));
    expectError(await failure(wordless), status.INVALID_ARGUMENT, 'intents[0].trainingSentences[4]');
    expect((await getModel(server.client, 'greetings')).activeJobs).toHaveLength(jobsBefore);
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
  function startTraining(client: NluClient, definition: nluV1.BotDefinition): Promise<nluV1.TrainingJob__Output> {
    return call((options, callback) => client.StartTraining({ definition }, options, callback));
  }
  function getJob(client: NluClient, jobId: string): Promise<nluV1.TrainingJob__Output> {
    return call((options, callback) => client.GetJob({ jobId }, options, callback));
  }

  it('FAILED_PRECONDITION while a model trains, then cancel', async () => {
    const trainer = new GatedTrainer();
    const server = await startServer(await tempDir(), {}, { trainer });
    try {
      const job = await startTraining(server.client, greetings());
      expect(['JOB_STATE_PENDING', 'JOB_STATE_TRAINING']).toContain(job.state);
      const busy = await failure(predict(server.client, { model: 'greetings', text: 'hello' }));
      expectError(busy, status.FAILED_PRECONDITION, 'model');
      expect((await getModel(server.client, 'greetings')).activeJobs.map((active) => active.id)).toEqual([job.id]);
      const canceled = await call<nluV1.TrainingJob__Output>((options, callback) =>
        server.client.CancelJob({ jobId: job.id }, options, callback),
      );
      expect(canceled.state).toBe('JOB_STATE_CANCELED');
      expectError(await failure(predict(server.client, { model: 'greetings', text: 'hello' })), status.NOT_FOUND, 'model');
    } finally {
      trainer.open();
      await server.close();
    }
  });

  it('4 trainings at once with 1 slot: 1 runs, 3 wait QUEUED in order with their positions, a full queue refuses, all 4 finish', async () => {
    const trainer = new GatedTrainer();
    const server = await startServer(
      await tempDir(),
      { PARLEY_MAX_CONCURRENT_TRAININGS: '1', PARLEY_MAX_QUEUED_TRAININGS: '3' },
      { trainer },
    );
    try {
      const names = ['q0', 'q1', 'q2', 'q3'];
      const jobs = await Promise.all(names.map((name) => startTraining(server.client, named(name))));
      const running = jobs.filter((job) => job.state !== 'JOB_STATE_QUEUED');
      const queued = jobs.filter((job) => job.state === 'JOB_STATE_QUEUED');
      expect(running).toHaveLength(1);
      expect(running[0]?.queuePosition).toBe(0);
      expect(queued.map((job) => job.queuePosition).sort()).toEqual([1, 2, 3]);
      // A queued model is "still training", not unknown.
      const last = queued.find((job) => job.queuePosition === 3);
      expectError(
        await failure(predict(server.client, { model: last?.modelId ?? '', text: 'hello' })),
        status.FAILED_PRECONDITION,
        'model',
      );

      const full = await failure(startTraining(server.client, named('q4')));
      expectError(full, status.RESOURCE_EXHAUSTED);
      expect(full.metadata.get(ERROR_CODE_METADATA)).toEqual(['TRAINING_QUEUE_FULL']);
      expect(full.details).toMatch(/PARLEY_MAX_QUEUED_TRAININGS=3/);

      // Canceling the first in the queue moves the two behind it up.
      const first = queued.find((job) => job.queuePosition === 1);
      const canceled = await call<nluV1.TrainingJob__Output>((options, callback) =>
        server.client.CancelJob({ jobId: first?.id ?? '' }, options, callback),
      );
      expect(canceled.state).toBe('JOB_STATE_CANCELED');
      expect((await getJob(server.client, last?.id ?? '')).queuePosition).toBe(2);

      const watched = stream(() => server.client.WatchJob({ jobId: last?.id ?? '' }));
      const again = await startTraining(server.client, named('q1-again'));
      expect(again).toMatchObject({ state: 'JOB_STATE_QUEUED', queuePosition: 3 });
      trainer.open();
      const messages = await watched;
      // The watcher saw the job move up the queue, then train, then finish.
      const positions = messages.filter((message) => message.state === 'JOB_STATE_QUEUED').map((message) => message.queuePosition);
      expect(positions[0]).toBe(2);
      expect(positions.at(-1)).toBe(1);
      expect(messages.some((message) => message.state === 'JOB_STATE_TRAINING')).toBe(true);
      expect(messages.at(-1)?.state).toBe('JOB_STATE_DONE');
      for (const job of [...jobs.filter((job) => job.id !== first?.id), again]) {
        const done = (await stream(() => server.client.WatchJob({ jobId: job.id }))).at(-1);
        expect(done?.state).toBe('JOB_STATE_DONE');
        expect(done?.queuePosition).toBe(0);
      }
    } finally {
      trainer.open();
      await server.close();
    }
  });

  it('refuses at once, naming the field and the variable, a definition over a training limit', async () => {
    const server = await startServer(await tempDir(), {
      PARLEY_MAX_INTENTS: '3',
      PARLEY_MAX_SENTENCES_PER_INTENT: '6',
      PARLEY_MAX_DEFINITION_BYTES: '4096',
    });
    try {
      const refused = async (definition: nluV1.BotDefinition, field: string, variable: string): Promise<void> => {
        const error = await failure(train(server.client, definition));
        expectError(error, status.INVALID_ARGUMENT, field);
        expect(error.metadata.get(ERROR_CODE_METADATA)).toEqual(['TRAINING_LIMIT']);
        expect(error.details).toContain(variable);
      };
      await refused(
        { ...greetings(), config: { hyperParameters: { epochs: 1e9 } } },
        'config.hyperParameters.epochs',
        'PARLEY_MAX_TRAINING_EPOCHS',
      );
      await refused(
        { ...greetings(), config: { hyperParameters: { minSteps: 1e7 } } },
        'config.hyperParameters',
        'PARLEY_MAX_TRAINING_STEPS',
      );
      await refused(
        { ...greetings(), config: { hyperParameters: { members: 500 } } },
        'config.hyperParameters',
        'PARLEY_MAX_TRAINING_STEPS',
      );
      await refused(greetings(['hello '.repeat(400)]), 'intents[0].trainingSentences[4]', 'PARLEY_MAX_TRAINING_SENTENCE_LENGTH');
      await refused(greetings(['a', 'b', 'c']), 'intents[0].trainingSentences', 'PARLEY_MAX_SENTENCES_PER_INTENT');
      const fourIntents = greetings();
      fourIntents.intents = [...(fourIntents.intents ?? []), { name: 'thanks', trainingSentences: ['thank you'] }];
      await refused(fourIntents, 'intents', 'PARLEY_MAX_INTENTS');
      await refused(
        { ...greetings(), entities: [{ name: 'city', entries: [{ value: 'x'.repeat(5000) }] }] },
        'definition',
        'PARLEY_MAX_DEFINITION_BYTES',
      );
      // None of them became a job.
      expectError(await failure(getModel(server.client, 'greetings')), status.NOT_FOUND, 'model');
    } finally {
      await server.close();
    }
  });

  it('refuses a 1 MB sentence at once under the default limits', async () => {
    const server = await startServer(await tempDir(), { PARLEY_GRPC_MAX_MESSAGE_MB: '4' });
    try {
      const error = await failure(train(server.client, greetings(['x'.repeat(1024 * 1024)])));
      expectError(error, status.INVALID_ARGUMENT, 'intents[0].trainingSentences[4]');
      expect(error.details).toContain('has 1048576 characters, the limit is 2000 (PARLEY_MAX_TRAINING_SENTENCE_LENGTH)');
    } finally {
      await server.close();
    }
  });

  it('stops a training that runs past PARLEY_MAX_TRAINING_SECONDS: the job fails saying why, and the slot is free again', async () => {
    const trainer = new GatedTrainer();
    const server = await startServer(await tempDir(), { PARLEY_MAX_TRAINING_SECONDS: '1' }, { trainer });
    try {
      // The gate stays shut, so each training outlasts the limit however fast the machine is.
      const stopped = {
        state: 'JOB_STATE_FAILED',
        error: 'training was stopped after 1 s, the longest a job may train (PARLEY_MAX_TRAINING_SECONDS)',
      };
      expect((await train(server.client, greetings())).at(-1)).toMatchObject(stopped);
      // The slot is free again: the next job gets it (it trains, and is stopped in turn).
      const next = await train(server.client, named('after'));
      expect(next.some((message) => message.state === 'JOB_STATE_TRAINING')).toBe(true);
      expect(next.at(-1)).toMatchObject(stopped);
    } finally {
      trainer.open();
      await server.close();
    }
  });
});
