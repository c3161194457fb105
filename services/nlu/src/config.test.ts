import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadCliConfig, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults and is frozen', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 50051,
      modelStore: { kind: 'directory', dir: resolve('./data/models') },
      maxTextLength: 2000,
      maxBatch: 256,
      maxConcurrentTrainings: 1,
      trainer: 'worker',
      kernels: true,
      metricsPort: 0,
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable, empty ones counting as unset', () => {
    const config = loadConfig({
      PARLEY_NLU_HOST: '0.0.0.0',
      PARLEY_NLU_PORT: '6000',
      PARLEY_MODEL_DIR: '/tmp/models',
      PARLEY_MAX_TEXT_LENGTH: '10',
      PARLEY_MAX_BATCH: '',
      PARLEY_MODEL_MEMORY_MB: '1.5',
      PARLEY_MAX_CONCURRENT_TRAININGS: '3',
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_ALLOW_UNAUTHENTICATED: 'true',
      PARLEY_NLU_MAX_CONNECTION_AGE_MS: '0',
      PARLEY_NLU_MAX_CONNECTION_AGE_GRACE_MS: '1000',
    });
    expect(config).toMatchObject({ maxConnectionAgeMs: 0, maxConnectionAgeGraceMs: 1000, allowUnauthenticated: true });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 6000,
      modelStore: { kind: 'directory', dir: '/tmp/models' },
      maxTextLength: 10,
      maxBatch: 256,
    });
    expect(config.modelMemoryBytes).toBe(Math.round(1.5 * 1024 * 1024));
    expect(config.maxConcurrentTrainings).toBe(3);
    expect(config.logLevel).toBe('warn');
    expect(loadConfig({ PARLEY_NLU_KERNELS: 'off' }).kernels).toBe(false);
  });

  it.each([
    ['PARLEY_NLU_PORT', '70000'],
    ['PARLEY_NLU_PORT', 'http'],
    ['PARLEY_MAX_TEXT_LENGTH', '0'],
    ['PARLEY_MODEL_MEMORY_MB', '-1'],
    ['PARLEY_LOG_LEVEL', 'loud'],
    ['PARLEY_NLU_TRAINER', 'gpu'],
    ['PARLEY_NLU_KERNELS', 'maybe'],
    ['PARLEY_ALLOW_UNAUTHENTICATED', 'yes'],
    ['PARLEY_NLU_MAX_CONNECTION_AGE_MS', '-5'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}="${value}"`));
  });
});

describe('API keys', () => {
  const KEY = 'nlu-key-0123456789abcdef';

  it('are off by default, and read as a comma-separated list', () => {
    expect(loadConfig({}).apiKeys).toEqual([]);
    expect(loadConfig({ PARLEY_NLU_API_KEYS: ` ${KEY} , other-key-0123456789 ` }).apiKeys).toEqual([KEY, 'other-key-0123456789']);
    expect(loadCliConfig({ PARLEY_NLU_API_KEY: KEY }).nluApiKey).toBe(KEY);
  });

  it('refuses a key under 16 characters, naming the variable but never showing the keys', () => {
    const load = (): unknown => loadConfig({ PARLEY_NLU_API_KEYS: `${KEY},short-secret` });
    expect(load).toThrow(/PARLEY_NLU_API_KEYS: each key must be at least 16 characters long/);
    expect(load).not.toThrow(/short-secret|nlu-key/);
    expect(() => loadCliConfig({ PARLEY_NLU_API_KEY: 'short-secret' })).toThrow(/^invalid configuration: PARLEY_NLU_API_KEY: each key/);
  });
});

describe('PARLEY_MODEL_EVENTS_URL', () => {
  it('is off by default and takes a Redis or PostgreSQL URL', () => {
    expect(loadConfig({}).modelEventsUrl).toBeUndefined();
    for (const url of ['redis://127.0.0.1:6379', 'rediss://cache:6380/2', 'postgres://postgres@db:5432/parley', 'postgresql://db/parley']) {
      expect(loadConfig({ PARLEY_MODEL_EVENTS_URL: url }).modelEventsUrl).toBe(url);
    }
  });

  it.each(['http://redis:6379', 'redis', '127.0.0.1:6379'])('refuses %s naming the variable', (url) => {
    expect(() => loadConfig({ PARLEY_MODEL_EVENTS_URL: url })).toThrow(
      /PARLEY_MODEL_EVENTS_URL=.*redis:\/\/, rediss:\/\/, postgres:\/\/ or postgresql:\/\//,
    );
  });
});

describe('PARLEY_MODEL_STORE', () => {
  it('is the directory by default; a PostgreSQL URL keeps models there, in the schema named, and carries model events', () => {
    expect(loadConfig({}).modelStore.kind).toBe('directory');
    const url = 'postgres://parley:secret@db:5432/parley';
    const config = loadConfig({ PARLEY_MODEL_STORE: url, PARLEY_MODEL_STORE_SCHEMA: 'models' });
    expect(config.modelStore).toEqual({ kind: 'postgres', url, schema: 'models' });
    expect(config.modelEventsUrl).toBe(url);
    expect(loadConfig({ PARLEY_MODEL_STORE: url }).modelStore).toMatchObject({ schema: 'parley' });
    expect(loadConfig({ PARLEY_MODEL_STORE: url, PARLEY_MODEL_EVENTS_URL: 'redis://cache:6379' }).modelEventsUrl).toBe(
      'redis://cache:6379',
    );
    expect(loadCliConfig({ PARLEY_MODEL_STORE: url }).modelStore).toEqual({ kind: 'postgres', url, schema: 'parley' });
  });

  it.each([
    ['PARLEY_MODEL_STORE', 'redis://cache:6379'],
    ['PARLEY_MODEL_STORE', '/data/models'],
    ['PARLEY_MODEL_STORE_SCHEMA', 'models; drop table x'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ PARLEY_MODEL_STORE: 'postgres://db/parley', [name]: value })).toThrow(new RegExp(`${name}=`));
  });
});

describe('training limits', () => {
  it('have defaults and read every variable', () => {
    expect(loadConfig({})).toMatchObject({
      maxConcurrentTrainings: 1,
      maxQueuedTrainings: 16,
      trainingMemoryBytes: 1024 * 1024 * 1024,
      trainingLimits: {
        maxSentenceLength: 2000,
        maxSentencesPerIntent: 5000,
        maxIntents: 2000,
        maxDefinitionBytes: 4 * 1024 * 1024,
        maxEpochs: 1000,
        maxSteps: 100_000,
        maxSeconds: 1800,
      },
    });
    const config = loadConfig({
      PARLEY_MAX_QUEUED_TRAININGS: '0',
      PARLEY_MAX_TRAINING_SENTENCE_LENGTH: '100',
      PARLEY_MAX_SENTENCES_PER_INTENT: '50',
      PARLEY_MAX_INTENTS: '10',
      PARLEY_MAX_DEFINITION_BYTES: '2048',
      PARLEY_MAX_TRAINING_EPOCHS: '20',
      PARLEY_MAX_TRAINING_STEPS: '500',
      PARLEY_MAX_TRAINING_SECONDS: '60',
      PARLEY_TRAINING_MEMORY_MB: '256',
    });
    expect(config.maxQueuedTrainings).toBe(0);
    expect(config.trainingMemoryBytes).toBe(256 * 1024 * 1024);
    expect(config.trainingLimits).toEqual({
      maxSentenceLength: 100,
      maxSentencesPerIntent: 50,
      maxIntents: 10,
      maxDefinitionBytes: 2048,
      maxEpochs: 20,
      maxSteps: 500,
      maxSeconds: 60,
    });
  });

  it.each([
    ['PARLEY_MAX_QUEUED_TRAININGS', '-1'],
    ['PARLEY_MAX_TRAINING_EPOCHS', '0'],
    ['PARLEY_MAX_TRAINING_SECONDS', 'soon'],
    ['PARLEY_TRAINING_MEMORY_MB', '16'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}="${value}"`));
  });
});

describe('loadCliConfig', () => {
  it('defaults to the local service and model directory', () => {
    expect(loadCliConfig({})).toEqual({
      nluAddress: 'localhost:50051',
      modelStore: { kind: 'directory', dir: resolve('./data/models') },
      dialogueUrl: 'http://127.0.0.1:8080',
    });
    expect(loadCliConfig({ PARLEY_NLU_ADDRESS: 'nlu:7000' }).nluAddress).toBe('nlu:7000');
    expect(loadCliConfig({ PARLEY_DIALOGUE_URL: 'https://bots.example:8443/' }).dialogueUrl).toBe('https://bots.example:8443/');
    expect(() => loadCliConfig({ PARLEY_DIALOGUE_URL: 'ftp://x' })).toThrow(/PARLEY_DIALOGUE_URL/);
    expect(() => loadCliConfig({ PARLEY_DIALOGUE_API_KEY: 'short' })).toThrow(/^invalid configuration: PARLEY_DIALOGUE_API_KEY: each key/);
  });
});

describe('protected mode', () => {
  const KEY = 'a-key-of-sixteen-or-more';

  it.each(['0.0.0.0', '::', '10.1.2.3', 'nlu'])('refuses to listen on %s with no API keys, naming PARLEY_ALLOW_UNAUTHENTICATED', (host) => {
    expect(() => loadConfig({ PARLEY_NLU_HOST: host })).toThrow(/PARLEY_NLU_API_KEYS.*PARLEY_ALLOW_UNAUTHENTICATED=true/);
  });

  it.each(['127.0.0.1', '127.0.0.2', '::1', 'localhost'])('stays open on the loopback address %s', (host) => {
    expect(loadConfig({ PARLEY_NLU_HOST: host }).apiKeys).toEqual([]);
  });

  it('listens beyond loopback with keys, or when told it may go without', () => {
    expect(loadConfig({ PARLEY_NLU_HOST: '0.0.0.0', PARLEY_NLU_API_KEYS: KEY }).apiKeys).toEqual([KEY]);
    expect(loadConfig({ PARLEY_NLU_HOST: '0.0.0.0', PARLEY_ALLOW_UNAUTHENTICATED: 'true' }).allowUnauthenticated).toBe(true);
    expect(() => loadConfig({ PARLEY_NLU_HOST: '0.0.0.0', PARLEY_ALLOW_UNAUTHENTICATED: 'false' })).toThrow(/PARLEY_ALLOW_UNAUTHENTICATED/);
  });
});
