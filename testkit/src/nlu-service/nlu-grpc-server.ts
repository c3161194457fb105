/**
 * The NLU gRPC server under test: built on a temporary model directory, listening on 127.0.0.1:0, with a real
 * client and deadlines; training runs inline (worker-trainer.test.ts covers the worker process).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { ERROR_FIELD_METADATA, loadNluPackage, type nluV1 } from '@parley/proto';
import { expect } from 'vitest';
import { loadConfig } from '../../../services/nlu/src/config';
import { buildNluServer, type NluServerDeps } from '../../../services/nlu/src/grpc/build-nlu-server';

export type NluClient = nluV1.NluClient;
export const DEADLINE_MS = 15_000;

export function greetings(extra: string[] = []): nluV1.BotDefinition {
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

export function named(name: string): nluV1.BotDefinition {
  return { ...greetings(), name };
}

export interface Running {
  client: NluClient;
  port: number;
  close(): Promise<void>;
}

const dirs: string[] = [];
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-nlu-'));
  dirs.push(dir);
  return dir;
}

/** Removes every directory tempDir made (a test file's afterAll). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export async function startServer(dir: string, env: Record<string, string> = {}, deps: NluServerDeps = {}): Promise<Running> {
  const config = loadConfig({
    PARLEY_MODEL_DIR: dir,
    PARLEY_LOG_LEVEL: 'silent',
    PARLEY_NLU_TRAINER: 'inline',
    PARLEY_MAX_TEXT_LENGTH: '50',
    PARLEY_MAX_BATCH: '4',
    PARLEY_SHUTDOWN_GRACE_MS: '2000',
    // Only the encoder's own tests turn it on (encoder-calls.test.ts).
    PARLEY_NLU_ENCODER: 'off',
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

export type Callback<Res> = (error: ServiceError | null, response?: Res) => void;
export function call<Res>(invoke: (options: { deadline: Date }, callback: Callback<Res>) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    invoke({ deadline: new Date(Date.now() + DEADLINE_MS) }, (error, response) => (error ? reject(error) : resolve(response as Res)));
  });
}

export async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('the call succeeded');
}

export function stream(start: () => NodeJS.ReadableStream): Promise<nluV1.TrainProgress__Output[]> {
  return new Promise((resolve, reject) => {
    const messages: nluV1.TrainProgress__Output[] = [];
    start()
      .on('data', (message: nluV1.TrainProgress__Output) => messages.push(message))
      .on('error', reject)
      .on('end', () => resolve(messages));
  });
}

export function train(client: NluClient, definition: nluV1.BotDefinition, aliases: string[] = []): Promise<nluV1.TrainProgress__Output[]> {
  return stream(() => client.Train({ definition, aliases }, { deadline: new Date(Date.now() + 60_000) }));
}

export async function trainedVersion(client: NluClient, definition: nluV1.BotDefinition, aliases: string[] = []): Promise<string> {
  const last = (await train(client, definition, aliases)).at(-1);
  expect(last?.state).toBe('JOB_STATE_DONE');
  return last?.result?.version ?? '';
}

export function predict(client: NluClient, request: nluV1.PredictRequest): Promise<nluV1.IntentClassifierPrediction__Output> {
  return call((options, callback) => client.Predict(request, options, callback));
}

export function getModel(client: NluClient, model: string): Promise<nluV1.Model__Output> {
  return call((options, callback) => client.GetModel({ model }, options, callback));
}

export function expectError(error: ServiceError, code: status, field?: string): void {
  expect(status[error.code]).toBe(status[code]);
  if (field !== undefined) {
    expect(error.metadata.get(ERROR_FIELD_METADATA)).toEqual([field]);
    expect(error.details).toContain(field.split(/[.[]/)[0]);
  }
}
