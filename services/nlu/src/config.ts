/**
 * The NLU service's and CLI's settings: the one place that reads process.env. Validated at start with
 * messages naming the variable, frozen, and passed down.
 */
import { resolve } from 'node:path';
import { MIN_API_KEY_LENGTH, splitApiKeys } from '@parley/domain';
import { z } from 'zod';
import { MODEL_EVENT_URL_SCHEMES } from './registry/model-event-channel';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface NluServiceConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  modelDir: string;
  maxTextLength: number;
  maxBatch: number;
  maxEvaluateExamples: number;
  /** Loaded models are unloaded least-recently-used beyond this many bytes. */
  modelMemoryBytes: number;
  maxConcurrentTrainings: number;
  /** `worker`: training runs in a child process (needs the built dist); `inline`: in the service's process. */
  trainer: 'worker' | 'inline';
  /** Whether classifiers run in the WebAssembly SIMD kernels (compiled at start-up) or in the JS loops. */
  kernels: boolean;
  /** How long another replica's alias or version changes may stay unseen (when not announced). */
  registryRefreshMs: number;
  /** Where replicas announce model changes to each other (redis:// or postgres://); undefined: polling only. */
  modelEventsUrl: string | undefined;
  maxMessageBytes: number;
  shutdownGraceMs: number;
  /** 0 turns the Prometheus endpoint off. */
  metricsPort: number;
  logLevel: LogLevel;
  /** Keys a call must present (`authorization: Bearer <key>`); empty means the service is open. */
  apiKeys: readonly string[];
}

export interface CliConfig {
  nluAddress: string;
  modelDir: string;
  /** Sent to the NLU service when it requires API keys. */
  nluApiKey?: string;
  /** The dialogue service's base URL, for the commands that read its REST API (`parley audit`). */
  dialogueUrl: string;
  /** Sent to the dialogue service when it requires API keys (one of its PARLEY_API_KEYS). */
  dialogueApiKey?: string;
}

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const apiKey = z.string().min(MIN_API_KEY_LENGTH, `each key must be at least ${MIN_API_KEY_LENGTH} characters long`);

const serviceSchema = z.object({
  PARLEY_NLU_HOST: z.string().min(1).default('127.0.0.1'),
  PARLEY_NLU_PORT: int(0, 65535).default(50051),
  PARLEY_MODEL_DIR: z.string().min(1).default('./data/models'),
  PARLEY_MAX_TEXT_LENGTH: int(1).default(2000),
  PARLEY_MAX_BATCH: int(1).default(256),
  PARLEY_MAX_EVALUATE_EXAMPLES: int(1).default(20000),
  PARLEY_MODEL_MEMORY_MB: z.coerce.number().positive().default(512),
  PARLEY_MAX_CONCURRENT_TRAININGS: int(1).default(1),
  PARLEY_NLU_TRAINER: z.enum(['worker', 'inline']).default('worker'),
  PARLEY_NLU_KERNELS: z.enum(['on', 'off']).default('on'),
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
});

const cliSchema = z.object({
  PARLEY_NLU_ADDRESS: z.string().min(1).default('localhost:50051'),
  PARLEY_MODEL_DIR: z.string().min(1).default('./data/models'),
  PARLEY_NLU_API_KEY: apiKey.optional(),
  PARLEY_DIALOGUE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080'),
  PARLEY_DIALOGUE_API_KEY: apiKey.optional(),
});

/** Variables holding secrets: an error names them but never shows their value. */
const SECRET = /_API_KEYS?$/;

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
  return Object.freeze({
    host: vars.PARLEY_NLU_HOST,
    port: vars.PARLEY_NLU_PORT,
    modelDir: resolve(vars.PARLEY_MODEL_DIR),
    maxTextLength: vars.PARLEY_MAX_TEXT_LENGTH,
    maxBatch: vars.PARLEY_MAX_BATCH,
    maxEvaluateExamples: vars.PARLEY_MAX_EVALUATE_EXAMPLES,
    modelMemoryBytes: Math.round(vars.PARLEY_MODEL_MEMORY_MB * 1024 * 1024),
    maxConcurrentTrainings: vars.PARLEY_MAX_CONCURRENT_TRAININGS,
    trainer: vars.PARLEY_NLU_TRAINER,
    kernels: vars.PARLEY_NLU_KERNELS === 'on',
    registryRefreshMs: vars.PARLEY_REGISTRY_REFRESH_MS,
    modelEventsUrl: vars.PARLEY_MODEL_EVENTS_URL,
    maxMessageBytes: Math.round(vars.PARLEY_GRPC_MAX_MESSAGE_MB * 1024 * 1024),
    shutdownGraceMs: vars.PARLEY_SHUTDOWN_GRACE_MS,
    metricsPort: vars.PARLEY_NLU_METRICS_PORT,
    logLevel: vars.PARLEY_LOG_LEVEL,
    apiKeys: Object.freeze(vars.PARLEY_NLU_API_KEYS),
  });
}

export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): Readonly<CliConfig> {
  const vars = parseEnv(cliSchema, env);
  return Object.freeze({
    nluAddress: vars.PARLEY_NLU_ADDRESS,
    modelDir: resolve(vars.PARLEY_MODEL_DIR),
    ...(vars.PARLEY_NLU_API_KEY === undefined ? {} : { nluApiKey: vars.PARLEY_NLU_API_KEY }),
    dialogueUrl: vars.PARLEY_DIALOGUE_URL,
    ...(vars.PARLEY_DIALOGUE_API_KEY === undefined ? {} : { dialogueApiKey: vars.PARLEY_DIALOGUE_API_KEY }),
  });
}
