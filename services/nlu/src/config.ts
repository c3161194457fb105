/**
 * The NLU service's and CLI's settings: the one place that reads process.env. Validated at start with
 * messages naming the variable, frozen, and passed down.
 */
import { resolve } from 'node:path';
import { isLoopbackHost, MIN_API_KEY_LENGTH, splitApiKeys } from '@parley/domain';
import { z } from 'zod';
import { MODEL_EVENT_URL_SCHEMES } from './registry/model-event-channel';
import type { ModelStoreLocation } from './registry/open-model-store';
import type { TrainingLimits } from './service/training-limits';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** PARLEY_NLU_ENCODER, PARLEY_NLU_ENCODER_THREADS, PARLEY_NLU_ENCODER_CACHE_MB. */
export interface EncoderSettings {
  mode: 'auto' | 'off';
  threads: number;
  cacheMegabytes: number;
}

export interface NluServiceConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Versions, aliases and training jobs: a directory (PARLEY_MODEL_DIR) or PostgreSQL (PARLEY_MODEL_STORE). */
  modelStore: ModelStoreLocation;
  maxTextLength: number;
  maxBatch: number;
  maxEvaluateExamples: number;
  /** Loaded models are unloaded least-recently-used beyond this many bytes. */
  modelMemoryBytes: number;
  maxConcurrentTrainings: number;
  /** Trainings waiting for a slot, first in first out; beyond them, TRAINING_QUEUE_FULL. */
  maxQueuedTrainings: number;
  /** What one training may ask for (definition size, epochs, steps, time); beyond, TRAINING_LIMIT. */
  trainingLimits: TrainingLimits;
  /** Memory of one training process; its JavaScript heap is limited to a share of it. */
  trainingMemoryBytes: number;
  /** `worker`: training runs in a child process (needs the built dist); `inline`: in the service's process. */
  trainer: 'worker' | 'inline';
  /** Whether classifiers run in the WebAssembly SIMD kernels (compiled at start-up) or in the JS loops. */
  kernels: boolean;
  /** The sentence encoder: `auto` runs USE-lite when its package is installed; `off` never (config.encoder "auto" trains without). */
  encoderSettings: EncoderSettings;
  /** How long another replica's alias or version changes may stay unseen (when not announced). */
  registryRefreshMs: number;
  /**
   * Where replicas announce model changes to each other (redis:// or postgres://); undefined: polling only. With
   * the PostgreSQL model store it defaults to the store's own database (LISTEN/NOTIFY).
   */
  modelEventsUrl: string | undefined;
  maxMessageBytes: number;
  shutdownGraceMs: number;
  /** 0 turns the Prometheus endpoint off. */
  metricsPort: number;
  logLevel: LogLevel;
  /** Keys a call must present (`authorization: Bearer <key>`); empty means the service is open. */
  apiKeys: readonly string[];
  /** PARLEY_ALLOW_UNAUTHENTICATED: open (no keys) although listening beyond loopback; main.ts warns. */
  allowUnauthenticated: boolean;
  /**
   * A connection is told to go (GOAWAY) after about this long (0 = never), so clients re-resolve the replicas and
   * new ones get their share; calls still running on it get `maxConnectionAgeGraceMs` more before it is closed.
   */
  maxConnectionAgeMs: number;
  maxConnectionAgeGraceMs: number;
}

/** Where the container's healthcheck finds the service it runs beside. */
export interface HealthcheckConfig {
  /** host:port to call: the listen address, with a wildcard (0.0.0.0, ::) replaced by loopback. */
  target: string;
}

export interface CliConfig {
  nluAddress: string;
  /** Where `train --local` stores the model. */
  modelStore: ModelStoreLocation;
  /** Sent to the NLU service when it requires API keys. */
  nluApiKey?: string;
  /** The dialogue service's base URL, for the commands that read its REST API (`parley audit`). */
  dialogueUrl: string;
  /** Sent to the dialogue service when it requires API keys (one of its PARLEY_API_KEYS). */
  dialogueApiKey?: string;
}

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const postgresUrl = z.string().refine(isPostgresUrl, 'must be a postgres:// or postgresql:// URL (unset: the directory PARLEY_MODEL_DIR)');
const sqlIdentifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier (letters, digits, _)');

/** Where models live; the same variables for the service and the CLI's local training. */
const storeVars = {
  PARLEY_MODEL_DIR: z.string().min(1).default('./data/models'),
  PARLEY_MODEL_STORE: postgresUrl.optional(),
  PARLEY_MODEL_STORE_SCHEMA: sqlIdentifier.default('parley'),
};
const apiKey = z.string().min(MIN_API_KEY_LENGTH, `each key must be at least ${MIN_API_KEY_LENGTH} characters long`);

const serviceSchema = z.object({
  PARLEY_NLU_HOST: z.string().min(1).default('127.0.0.1'),
  PARLEY_NLU_PORT: int(0, 65535).default(50051),
  ...storeVars,
  PARLEY_MAX_TEXT_LENGTH: int(1).default(2000),
  PARLEY_MAX_BATCH: int(1).default(256),
  PARLEY_MAX_EVALUATE_EXAMPLES: int(1).default(20000),
  PARLEY_MODEL_MEMORY_MB: z.coerce.number().positive().default(512),
  PARLEY_MAX_CONCURRENT_TRAININGS: int(1).default(1),
  PARLEY_MAX_QUEUED_TRAININGS: int(0).default(16),
  PARLEY_MAX_TRAINING_SENTENCE_LENGTH: int(1).default(2000),
  PARLEY_MAX_SENTENCES_PER_INTENT: int(1).default(5000),
  PARLEY_MAX_INTENTS: int(1).default(2000),
  PARLEY_MAX_DEFINITION_BYTES: int(1024).default(4 * 1024 * 1024),
  PARLEY_MAX_TRAINING_EPOCHS: int(1).default(1000),
  PARLEY_MAX_TRAINING_STEPS: int(1).default(100_000),
  PARLEY_MAX_TRAINING_SECONDS: int(1).default(1800),
  PARLEY_TRAINING_MEMORY_MB: z.coerce.number().min(64).default(1024),
  PARLEY_NLU_TRAINER: z.enum(['worker', 'inline']).default('worker'),
  PARLEY_NLU_KERNELS: z.enum(['on', 'off']).default('on'),
  PARLEY_NLU_ENCODER: z.enum(['auto', 'off']).default('auto'),
  PARLEY_NLU_ENCODER_THREADS: int(1, 16).default(1),
  PARLEY_NLU_ENCODER_CACHE_MB: int(0, 4096).default(16),
  PARLEY_REGISTRY_REFRESH_MS: int(0).default(2000),
  PARLEY_MODEL_EVENTS_URL: z
    .string()
    .refine(isModelEventsUrl, 'must be a redis://, rediss://, postgres:// or postgresql:// URL')
    .optional(),
  PARLEY_GRPC_MAX_MESSAGE_MB: z.coerce.number().positive().default(16),
  PARLEY_SHUTDOWN_GRACE_MS: int(0).default(10000),
  PARLEY_NLU_METRICS_PORT: int(0, 65535).default(0),
  PARLEY_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  PARLEY_NLU_API_KEYS: z.string().transform(splitApiKeys).pipe(z.array(apiKey)).default([]),
  PARLEY_ALLOW_UNAUTHENTICATED: z.enum(['true', 'false'], "expected 'true' or 'false'").default('false'),
  PARLEY_NLU_MAX_CONNECTION_AGE_MS: int(0).default(30_000),
  PARLEY_NLU_MAX_CONNECTION_AGE_GRACE_MS: int(0).default(300_000),
});

const cliSchema = z.object({
  PARLEY_NLU_ADDRESS: z.string().min(1).default('localhost:50051'),
  ...storeVars,
  PARLEY_NLU_API_KEY: apiKey.optional(),
  PARLEY_DIALOGUE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080'),
  PARLEY_DIALOGUE_API_KEY: apiKey.optional(),
});

const healthcheckSchema = serviceSchema.pick({ PARLEY_NLU_HOST: true, PARLEY_NLU_PORT: true });

/** Variables holding secrets: an error names them but never shows their value. */
const SECRET = /_API_KEYS?$/;

function isPostgresUrl(value: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function modelStoreOf(vars: {
  PARLEY_MODEL_DIR: string;
  PARLEY_MODEL_STORE?: string | undefined;
  PARLEY_MODEL_STORE_SCHEMA: string;
}): ModelStoreLocation {
  if (vars.PARLEY_MODEL_STORE === undefined) return { kind: 'directory', dir: resolve(vars.PARLEY_MODEL_DIR) };
  return { kind: 'postgres', url: vars.PARLEY_MODEL_STORE, schema: vars.PARLEY_MODEL_STORE_SCHEMA };
}

function isModelEventsUrl(value: string): boolean {
  try {
    return MODEL_EVENT_URL_SCHEMES.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Empty variables count as unset, as in most deployment tools. */
function present(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const result = schema.safeParse(present(env));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return SECRET.test(name) ? `${name}: ${issue.message}` : `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
  });
  throw new Error(`invalid configuration: ${problems.join('; ')}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<NluServiceConfig> {
  const vars = parseEnv(serviceSchema, env);
  const allowUnauthenticated = vars.PARLEY_ALLOW_UNAUTHENTICATED === 'true';
  // Protected mode, as Redis has it: an open service is fine on loopback (npm start), never by accident beyond it.
  if (!isLoopbackHost(vars.PARLEY_NLU_HOST) && vars.PARLEY_NLU_API_KEYS.length === 0 && !allowUnauthenticated) {
    throw new Error(
      `invalid configuration: PARLEY_NLU_HOST=${JSON.stringify(vars.PARLEY_NLU_HOST)} listens beyond this machine and ` +
        'PARLEY_NLU_API_KEYS is not set, so anyone who can reach it could train, delete and query models. Set ' +
        'PARLEY_NLU_API_KEYS (comma-separated keys of at least 16 characters), listen on 127.0.0.1, or set ' +
        'PARLEY_ALLOW_UNAUTHENTICATED=true if a network policy already keeps strangers out.',
    );
  }
  const modelStore = modelStoreOf(vars);
  return Object.freeze({
    host: vars.PARLEY_NLU_HOST,
    port: vars.PARLEY_NLU_PORT,
    modelStore: Object.freeze(modelStore),
    maxTextLength: vars.PARLEY_MAX_TEXT_LENGTH,
    maxBatch: vars.PARLEY_MAX_BATCH,
    maxEvaluateExamples: vars.PARLEY_MAX_EVALUATE_EXAMPLES,
    modelMemoryBytes: Math.round(vars.PARLEY_MODEL_MEMORY_MB * 1024 * 1024),
    maxConcurrentTrainings: vars.PARLEY_MAX_CONCURRENT_TRAININGS,
    maxQueuedTrainings: vars.PARLEY_MAX_QUEUED_TRAININGS,
    trainingLimits: Object.freeze({
      maxSentenceLength: vars.PARLEY_MAX_TRAINING_SENTENCE_LENGTH,
      maxSentencesPerIntent: vars.PARLEY_MAX_SENTENCES_PER_INTENT,
      maxIntents: vars.PARLEY_MAX_INTENTS,
      maxDefinitionBytes: vars.PARLEY_MAX_DEFINITION_BYTES,
      maxEpochs: vars.PARLEY_MAX_TRAINING_EPOCHS,
      maxSteps: vars.PARLEY_MAX_TRAINING_STEPS,
      maxSeconds: vars.PARLEY_MAX_TRAINING_SECONDS,
    }),
    trainingMemoryBytes: Math.round(vars.PARLEY_TRAINING_MEMORY_MB * 1024 * 1024),
    trainer: vars.PARLEY_NLU_TRAINER,
    kernels: vars.PARLEY_NLU_KERNELS === 'on',
    encoderSettings: {
      mode: vars.PARLEY_NLU_ENCODER,
      threads: vars.PARLEY_NLU_ENCODER_THREADS,
      cacheMegabytes: vars.PARLEY_NLU_ENCODER_CACHE_MB,
    },
    registryRefreshMs: vars.PARLEY_REGISTRY_REFRESH_MS,
    modelEventsUrl: vars.PARLEY_MODEL_EVENTS_URL ?? (modelStore.kind === 'postgres' ? modelStore.url : undefined),
    maxMessageBytes: Math.round(vars.PARLEY_GRPC_MAX_MESSAGE_MB * 1024 * 1024),
    shutdownGraceMs: vars.PARLEY_SHUTDOWN_GRACE_MS,
    metricsPort: vars.PARLEY_NLU_METRICS_PORT,
    logLevel: vars.PARLEY_LOG_LEVEL,
    apiKeys: Object.freeze(vars.PARLEY_NLU_API_KEYS),
    allowUnauthenticated,
    maxConnectionAgeMs: vars.PARLEY_NLU_MAX_CONNECTION_AGE_MS,
    maxConnectionAgeGraceMs: vars.PARLEY_NLU_MAX_CONNECTION_AGE_GRACE_MS,
  });
}

export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): Readonly<CliConfig> {
  const vars = parseEnv(cliSchema, env);
  return Object.freeze({
    nluAddress: vars.PARLEY_NLU_ADDRESS,
    modelStore: Object.freeze(modelStoreOf(vars)),
    ...(vars.PARLEY_NLU_API_KEY === undefined ? {} : { nluApiKey: vars.PARLEY_NLU_API_KEY }),
    dialogueUrl: vars.PARLEY_DIALOGUE_URL,
    ...(vars.PARLEY_DIALOGUE_API_KEY === undefined ? {} : { dialogueApiKey: vars.PARLEY_DIALOGUE_API_KEY }),
  });
}

export function loadHealthcheckConfig(env: NodeJS.ProcessEnv = process.env): Readonly<HealthcheckConfig> {
  const vars = parseEnv(healthcheckSchema, env);
  const host = vars.PARLEY_NLU_HOST.replace(/^\[(.*)\]$/, '$1');
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return Object.freeze({ target: `${reachable.includes(':') ? `[${reachable}]` : reachable}:${vars.PARLEY_NLU_PORT}` });
}
