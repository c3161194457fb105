import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      http: {
        host: '127.0.0.1',
        port: 8080,
        bodyLimitBytes: 1_048_576,
        requestTimeoutMs: 30_000,
        apiKeys: [],
        allowUnauthenticated: false,
        rateLimitPerMinute: 0,
        trustProxyHops: 0,
      },
      nlu: { addresses: ['localhost:50051'], deadlineMs: 2_000, trainTimeoutMs: 600_000, rankingLimit: 10, resolveIntervalMs: 5_000 },
      store: { kind: 'sqlite', path: './data/sessions.db', ttlSeconds: 0, auditRetentionSeconds: 0 },
      bot: 'weather',
      maxTextLength: 2_000,
      historyWindow: 20,
      devMode: false,
      shutdownDelayMs: 0,
      logLevel: 'info',
    });
  });

  it('reads every variable, splits several NLU addresses, and freezes the result', () => {
    const config = loadConfig({
      PARLEY_HTTP_HOST: '0.0.0.0',
      PARLEY_ALLOW_UNAUTHENTICATED: 'true',
      PARLEY_HTTP_PORT: '9000',
      PARLEY_REQUEST_TIMEOUT_MS: '5000',
      PARLEY_NLU_RESOLVE_INTERVAL_MS: '0',
      PARLEY_NLU_ADDRESS: 'nlu-a:50051, nlu-b:50052',
      PARLEY_NLU_DEADLINE_MS: '750',
      PARLEY_STORE: 'redis',
      PARLEY_REDIS_URL: 'redis://cache:6379/2',
      PARLEY_REDIS_KEY_PREFIX: 'bot1:',
      PARLEY_SESSION_TTL_SECONDS: '3600',
      PARLEY_AUDIT_RETENTION_SECONDS: '7776000',
      PARLEY_BOT: './my-bot.js',
      PARLEY_DEV_MODE: 'true',
      PARLEY_MAX_TEXT_LENGTH: '500',
      PARLEY_BODY_LIMIT_BYTES: '65536',
      PARLEY_HISTORY_WINDOW: '0',
      PARLEY_SHUTDOWN_DELAY_MS: '3000',
      PARLEY_NLU_MODEL_ALIAS: 'production',
      PARLEY_LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      http: { host: '0.0.0.0', port: 9000, bodyLimitBytes: 65_536, requestTimeoutMs: 5_000, allowUnauthenticated: true },
      nlu: { addresses: ['nlu-a:50051', 'nlu-b:50052'], deadlineMs: 750, modelAlias: 'production', resolveIntervalMs: 0 },
      store: { kind: 'redis', url: 'redis://cache:6379/2', keyPrefix: 'bot1:', ttlSeconds: 3600, auditRetentionSeconds: 7_776_000 },
      bot: './my-bot.js',
      maxTextLength: 500,
      historyWindow: 0,
      devMode: true,
      shutdownDelayMs: 3_000,
      logLevel: 'debug',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.nlu.addresses)).toBe(true);
    expect(Object.isFrozen(config.store)).toBe(true);
  });

  it('takes a gRPC target URI whole, commas included', () => {
    expect(loadConfig({ PARLEY_NLU_ADDRESS: 'dns:///nlu:50051' }).nlu.addresses).toEqual(['dns:///nlu:50051']);
    expect(loadConfig({ PARLEY_NLU_ADDRESS: 'ipv4:10.0.0.1:50051,10.0.0.2:50051' }).nlu.addresses).toEqual([
      'ipv4:10.0.0.1:50051,10.0.0.2:50051',
    ]);
    expect(loadConfig({ PARLEY_NLU_ADDRESS: 'dns:50051' }).nlu.addresses).toEqual(['dns:50051']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PARLEY_HTTP_PORT: '', PARLEY_STORE: '' })).toMatchObject({ http: { port: 8080 }, store: { kind: 'sqlite' } });
  });

  it.each([
    [{ PARLEY_HTTP_PORT: 'eighty' }, /PARLEY_HTTP_PORT/],
    [{ PARLEY_HTTP_PORT: '70000' }, /PARLEY_HTTP_PORT/],
    [{ PARLEY_NLU_ADDRESS: 'no-port' }, /PARLEY_NLU_ADDRESS: expected host:port/],
    [{ PARLEY_NLU_MODEL_ALIAS: '1st' }, /PARLEY_NLU_MODEL_ALIAS: expected an alias/],
    [{ PARLEY_NLU_MODEL_ALIAS: 'latest' }, /PARLEY_NLU_MODEL_ALIAS: latest moves with every training/],
    [{ PARLEY_SHUTDOWN_DELAY_MS: '-1' }, /PARLEY_SHUTDOWN_DELAY_MS/],
    [{ PARLEY_NLU_ADDRESS: ' , ' }, /PARLEY_NLU_ADDRESS: expected at least one/],
    [{ PARLEY_STORE: 'mongo' }, /PARLEY_STORE/],
    [{ PARLEY_STORE: 'redis' }, /PARLEY_REDIS_URL: required when PARLEY_STORE=redis/],
    [{ PARLEY_STORE: 'postgres' }, /PARLEY_POSTGRES_URL: required when PARLEY_STORE=postgres/],
    [{ PARLEY_STORE: 'redis', PARLEY_REDIS_URL: 'http://x' }, /PARLEY_REDIS_URL/],
    [{ PARLEY_POSTGRES_SCHEMA: 'Drop Table' }, /PARLEY_POSTGRES_SCHEMA/],
    [{ PARLEY_BODY_LIMIT_BYTES: '10' }, /PARLEY_BODY_LIMIT_BYTES/],
    [{ PARLEY_LOG_LEVEL: 'loud' }, /PARLEY_LOG_LEVEL/],
    [{ PARLEY_API_KEYS: 'long-enough-key-0001,short' }, /PARLEY_API_KEYS: each key must be at least 16 characters long/],
    [{ PARLEY_NLU_API_KEY: 'short' }, /PARLEY_NLU_API_KEY: each key must be at least 16 characters long/],
    [{ PARLEY_RATE_LIMIT_PER_MINUTE: '-1' }, /PARLEY_RATE_LIMIT_PER_MINUTE/],
    [{ PARLEY_RATE_LIMIT_PER_MINUTE: 'lots' }, /PARLEY_RATE_LIMIT_PER_MINUTE/],
    [{ PARLEY_TRUST_PROXY_HOPS: '11' }, /PARLEY_TRUST_PROXY_HOPS/],
    [{ PARLEY_REQUEST_TIMEOUT_MS: '10' }, /PARLEY_REQUEST_TIMEOUT_MS/],
    [{ PARLEY_NLU_RESOLVE_INTERVAL_MS: '-1' }, /PARLEY_NLU_RESOLVE_INTERVAL_MS/],
    [{ PARLEY_ALLOW_UNAUTHENTICATED: '1' }, /PARLEY_ALLOW_UNAUTHENTICATED/],
    [{ PARLEY_AUDIT_RETENTION_SECONDS: '-5' }, /PARLEY_AUDIT_RETENTION_SECONDS/],
    [{ PARLEY_AUDIT_RETENTION_SECONDS: '90 days' }, /PARLEY_AUDIT_RETENTION_SECONDS/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads API keys as a comma-separated list, the NLU key, the rate limit and the proxy hops, never echoing a key', () => {
    const keys = 'dialogue-key-000000001, dialogue-key-000000002';
    const config = loadConfig({
      PARLEY_API_KEYS: keys,
      PARLEY_NLU_API_KEY: 'nlu-key-0000000000001',
      PARLEY_RATE_LIMIT_PER_MINUTE: '600',
      PARLEY_TRUST_PROXY_HOPS: '1',
    });
    expect(config.http).toMatchObject({
      apiKeys: ['dialogue-key-000000001', 'dialogue-key-000000002'],
      rateLimitPerMinute: 600,
      trustProxyHops: 1,
    });
    expect(config.nlu.apiKey).toBe('nlu-key-0000000000001');
    expect(Object.isFrozen(config.http.apiKeys)).toBe(true);
    const refusal = (() => {
      try {
        loadConfig({ PARLEY_API_KEYS: 'top-secret' });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refusal).toContain('PARLEY_API_KEYS');
    expect(refusal).not.toContain('top-secret');
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PARLEY_HTTP_PORT: 'x', PARLEY_HISTORY_WINDOW: '-1' })).toThrow(/PARLEY_HTTP_PORT.*PARLEY_HISTORY_WINDOW/);
  });
});

describe('protected mode', () => {
  it.each(['0.0.0.0', '::', '192.168.1.20', 'dialogue'])(
    'refuses to listen on %s with no API keys, naming PARLEY_ALLOW_UNAUTHENTICATED',
    (host) => {
      expect(() => loadConfig({ PARLEY_HTTP_HOST: host })).toThrow(/PARLEY_API_KEYS.*PARLEY_ALLOW_UNAUTHENTICATED=true/);
    },
  );

  it.each(['127.0.0.1', '::1', 'localhost'])('stays open on the loopback address %s', (host) => {
    expect(loadConfig({ PARLEY_HTTP_HOST: host }).http.apiKeys).toEqual([]);
  });

  it('listens beyond loopback with keys, or when told it may go without', () => {
    expect(loadConfig({ PARLEY_HTTP_HOST: '0.0.0.0', PARLEY_API_KEYS: 'dialogue-key-000000001' }).http.host).toBe('0.0.0.0');
    expect(loadConfig({ PARLEY_HTTP_HOST: '0.0.0.0', PARLEY_ALLOW_UNAUTHENTICATED: 'true' }).http.allowUnauthenticated).toBe(true);
  });
});
