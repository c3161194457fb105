/**
 * The NLU service in-process for the gRPC reliability tests: buildNluServer on 127.0.0.1:0 with a temporary model
 * directory, limits chosen by the test, a given trainer (inline by default), and a tiny bot definition to train.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { nluV1 } from '@parley/proto';
import { buildNluServer, InlineTrainer, loadConfig, type NluServer, type Trainer } from '../../../services/nlu/src/index';
import { decodeResponse, RawGrpcClient } from './raw-grpc';

export interface NluUnderTest {
  address: string;
  server: NluServer;
  client: RawGrpcClient;
  modelDir: string;
  close(): Promise<void>;
}

export async function startNlu(env: Record<string, string> = {}, trainer: Trainer = new InlineTrainer()): Promise<NluUnderTest> {
  const modelDir = await mkdtemp(join(tmpdir(), 'parley-reliability-nlu-'));
  const config = loadConfig({
    PARLEY_NLU_ENCODER: 'off',
    PARLEY_MODEL_DIR: modelDir,
    PARLEY_LOG_LEVEL: 'silent',
    PARLEY_SHUTDOWN_GRACE_MS: '1000',
    ...env,
  });
  const server = await buildNluServer(config, { logger: pino({ level: 'silent' }), trainer });
  const { address } = await server.listen('127.0.0.1', 0);
  await server.ready;
  const client = new RawGrpcClient(address);
  return {
    address,
    server,
    client,
    modelDir,
    async close() {
      client.close();
      await server.close();
      await rm(modelDir, { recursive: true, force: true });
    },
  };
}

/** A small definition: three intents, a custom entity with a parameter, and one scope. */
export function tinyDefinition(name = 'greetings'): nluV1.BotDefinition {
  return {
    name,
    language: 'en',
    intents: [
      { name: 'greet', trainingSentences: ['hello', 'hi there', 'good morning', 'hey'] },
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

/** Trains through the Train stream; resolves with the final progress message (state DONE with its result). */
export async function train(
  client: RawGrpcClient,
  definition: nluV1.BotDefinition,
  aliases: string[] = [],
): Promise<nluV1.TrainProgress__Output> {
  const answer = await client.nlu('Train', { definition, aliases }, { deadlineMs: 120_000 });
  const last = answer.messages.at(-1);
  if (answer.status !== 'OK' || !last) throw new Error(`Train failed: ${answer.status} ${answer.details}`);
  const progress = decodeResponse<nluV1.TrainProgress__Output>('Train', last);
  if (progress.state !== 'JOB_STATE_DONE') throw new Error(`Train ended ${progress.state}: ${progress.error}`);
  return progress;
}
