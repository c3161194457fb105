/**
 * The dialogue service's configuration: the only place that reads the environment. Every variable is validated at
 * start-up with a message naming it; the result is frozen and passed down.
 */
import { isLoopbackHost, MIN_API_KEY_LENGTH, splitApiKeys } from '@parley/domain';
import { z } from 'zod';

/** `auditRetentionSeconds`: how long audit rows are kept, whatever happens to their session (0 = for ever). */
export type StoreSettings = { ttlSeconds: number; auditRetentionSeconds: number } & (
  | { kind: 'memory' }
  | { kind: 'sqlite'; path: string }
  | { kind: 'redis'; url: string; keyPrefix?: string }
  | { kind: 'postgres'; url: string; schema?: string }
);

export interface DialogueConfig {
  /**
   * `apiKeys`: keys the API (/v1) requires, none = open. `rateLimitPerMinute`: requests one API key (else one client
   * address) may make per minute, 0 = unlimited. `trustProxyHops`: proxies in front whose X-Forwarded-For names the
   * client address (0 = the socket's peer is the client). `requestTimeoutMs`: the whole request (headers and body)
   * must arrive within it, else 408 REQUEST_TIMEOUT.
   */
  http: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    requestTimeoutMs: number;
    apiKeys: readonly string[];
    /** PARLEY_ALLOW_UNAUTHENTICATED: open (no keys) although listening beyond loopback; main.ts warns. */
    allowUnauthenticated: boolean;
    rateLimitPerMinute: number;
    trustProxyHops: number;
  };
  /**
   * `addresses`: host:port of each NLU replica, or one gRPC target URI such as `dns:///nlu:50051`.
   * `modelAlias`: predict by this alias (hot swap when an operator moves it) instead of the trained version.
   * `apiKey`: sent to an NLU service that requires API keys. `resolveIntervalMs`: how often names among the
   * addresses are looked up again, so replicas added or removed behind one name are followed (0 = once).
   */
  nlu: {
    addresses: string[];
    deadlineMs: number;
    trainTimeoutMs: number;
    rankingLimit: number;
    resolveIntervalMs: number;
    modelAlias?: string;
    apiKey?: string;
  };
  store: StoreSettings;
  /** `weather`, `greetings`, `age` or a path to a module exporting a Bot. */
  bot: string;
  /** PARLEY_BOT_DEFINITION_FILE: a JSON/YAML definition whose intents' phrases join the bot's; dashboard labels go there. */
  botDefinitionFile?: string;
  maxTextLength: number;
  /** How many recent history rows session.chatHistory (and GET /v1/sessions/:id) holds. */
  historyWindow: number;
  /** PARLEY_DEV_MODE: the WebSocket channel (and so the web chat) also shows what the bot's code threw in a turn. */
  devMode: boolean;
  /** On SIGTERM, how long /ready answers 503 while requests are still served, before the server stops accepting. */
  shutdownDelayMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const apiKey = z.string().min(MIN_API_KEY_LENGTH, `each key must be at least ${MIN_API_KEY_LENGTH} characters long`);
/** A gRPC target URI (`dns:///nlu:50051`, `ipv4:10.0.0.1:50051,10.0.0.2:50051`) is taken whole. */
const GRPC_TARGET = /^(dns|ipv4|ipv6|unix|unix-abstract):(?!\d+$)\S+$/;
const address = z
  .string()
  .refine((value) => GRPC_TARGET.test(value) || /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(value), 'expected host:port (or a gRPC target URI)');

function nluAddresses(value: string): string[] {
  if (GRPC_TARGET.test(value.trim())) return [value.trim()];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const schema = z.object({
  PARLEY_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  PARLEY_HTTP_PORT: integer(0, 65_535).default(8080),
  PARLEY_API_KEYS: z.string().transform(splitApiKeys).pipe(z.array(apiKey)).default([]),
  PARLEY_ALLOW_UNAUTHENTICATED: z.enum(['true', 'false'], "expected 'true' or 'false'").default('false'),
  PARLEY_DEV_MODE: z.enum(['true', 'false'], "expected 'true' or 'false'").default('false'),
  PARLEY_RATE_LIMIT_PER_MINUTE: integer(0, 10_000_000).default(0),
  PARLEY_TRUST_PROXY_HOPS: integer(0, 10).default(0),
  PARLEY_NLU_API_KEY: apiKey.optional(),
  PARLEY_NLU_ADDRESS: z
    .string()
    .default('localhost:50051')
    .transform(nluAddresses)
    .pipe(z.array(address).min(1, 'expected at least one host:port')),
  PARLEY_NLU_DEADLINE_MS: integer(1, 600_000).default(2_000),
  PARLEY_NLU_RANKING_LIMIT: integer(0, 100_000).default(10),
  PARLEY_NLU_TRAIN_TIMEOUT_MS: integer(1, 86_400_000).default(600_000),
  PARLEY_NLU_RESOLVE_INTERVAL_MS: integer(0, 3_600_000).default(5_000),
  // The NLU's alias syntax. Not `latest`: every training (and any replica's restart) moves it.
  PARLEY_NLU_MODEL_ALIAS: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9._-]{0,63}$/, 'expected an alias: a letter, then up to 63 letters, digits, ".", "_" or "-"')
    .refine((alias) => alias !== 'latest', 'latest moves with every training; follow an alias that operators move (e.g. production)')
    .optional(),
  PARLEY_STORE: z.enum(['sqlite', 'redis', 'postgres', 'memory']).default('sqlite'),
  PARLEY_SQLITE_PATH: z.string().min(1).default('./data/sessions.db'),
  PARLEY_REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  PARLEY_REDIS_KEY_PREFIX: z.string().min(1).optional(),
  PARLEY_POSTGRES_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PARLEY_POSTGRES_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL identifier')
    .optional(),
  PARLEY_SESSION_TTL_SECONDS: integer(0, 10 * 365 * 86_400).default(0),
  PARLEY_AUDIT_RETENTION_SECONDS: integer(0, 100 * 365 * 86_400).default(0),
  PARLEY_BOT: z.string().min(1).default('weather'),
  PARLEY_BOT_DEFINITION_FILE: z
    .string()
    .regex(/\.(json|ya?ml)$/i, 'expected a path ending in .json, .yaml or .yml')
    .optional(),
  PARLEY_MAX_TEXT_LENGTH: integer(1, 1_000_000).default(2_000),
  PARLEY_BODY_LIMIT_BYTES: integer(1_024, 100 * 1024 * 1024).default(1024 * 1024),
  PARLEY_REQUEST_TIMEOUT_MS: integer(100, 3_600_000).default(30_000),
  PARLEY_HISTORY_WINDOW: integer(0, 10_000).default(20),
  PARLEY_SHUTDOWN_DELAY_MS: integer(0, 600_000).default(0),
  PARLEY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Reads and validates the environment; throws one Error listing every bad variable by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DialogueConfig {
  const parsed = schema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  const allowUnauthenticated = vars.PARLEY_ALLOW_UNAUTHENTICATED === 'true';
  // Protected mode, as Redis has it: an open API is fine on loopback (npm start), never by accident beyond it.
  if (!isLoopbackHost(vars.PARLEY_HTTP_HOST) && vars.PARLEY_API_KEYS.length === 0 && !allowUnauthenticated) {
    throw new Error(
      `invalid configuration: PARLEY_HTTP_HOST=${JSON.stringify(vars.PARLEY_HTTP_HOST)} listens beyond this machine and ` +
        'PARLEY_API_KEYS is not set, so anyone who can reach it could read and write every session. Set PARLEY_API_KEYS ' +
        '(comma-separated keys of at least 16 characters), listen on 127.0.0.1, or set PARLEY_ALLOW_UNAUTHENTICATED=true ' +
        'if something in front (a gateway, a network policy) already authenticates clients.',
    );
  }
  return deepFreeze({
    http: {
      host: vars.PARLEY_HTTP_HOST,
      port: vars.PARLEY_HTTP_PORT,
      bodyLimitBytes: vars.PARLEY_BODY_LIMIT_BYTES,
      requestTimeoutMs: vars.PARLEY_REQUEST_TIMEOUT_MS,
      apiKeys: vars.PARLEY_API_KEYS,
      allowUnauthenticated,
      rateLimitPerMinute: vars.PARLEY_RATE_LIMIT_PER_MINUTE,
      trustProxyHops: vars.PARLEY_TRUST_PROXY_HOPS,
    },
    nlu: {
      addresses: vars.PARLEY_NLU_ADDRESS,
      deadlineMs: vars.PARLEY_NLU_DEADLINE_MS,
      rankingLimit: vars.PARLEY_NLU_RANKING_LIMIT,
      trainTimeoutMs: vars.PARLEY_NLU_TRAIN_TIMEOUT_MS,
      resolveIntervalMs: vars.PARLEY_NLU_RESOLVE_INTERVAL_MS,
      ...(vars.PARLEY_NLU_MODEL_ALIAS === undefined ? {} : { modelAlias: vars.PARLEY_NLU_MODEL_ALIAS }),
      ...(vars.PARLEY_NLU_API_KEY === undefined ? {} : { apiKey: vars.PARLEY_NLU_API_KEY }),
    },
    store: storeSettings(vars),
    bot: vars.PARLEY_BOT,
    ...(vars.PARLEY_BOT_DEFINITION_FILE === undefined ? {} : { botDefinitionFile: vars.PARLEY_BOT_DEFINITION_FILE }),
    maxTextLength: vars.PARLEY_MAX_TEXT_LENGTH,
    historyWindow: vars.PARLEY_HISTORY_WINDOW,
    devMode: vars.PARLEY_DEV_MODE === 'true',
    shutdownDelayMs: vars.PARLEY_SHUTDOWN_DELAY_MS,
    logLevel: vars.PARLEY_LOG_LEVEL,
  });
}

function storeSettings(vars: z.infer<typeof schema>): StoreSettings {
  const lifetimes = { ttlSeconds: vars.PARLEY_SESSION_TTL_SECONDS, auditRetentionSeconds: vars.PARLEY_AUDIT_RETENTION_SECONDS };
  switch (vars.PARLEY_STORE) {
    case 'memory':
      return { kind: 'memory', ...lifetimes };
    case 'sqlite':
      return { kind: 'sqlite', path: vars.PARLEY_SQLITE_PATH, ...lifetimes };
    case 'redis':
      return {
        kind: 'redis',
        url: required(vars.PARLEY_REDIS_URL, 'PARLEY_REDIS_URL', 'redis'),
        ...(vars.PARLEY_REDIS_KEY_PREFIX === undefined ? {} : { keyPrefix: vars.PARLEY_REDIS_KEY_PREFIX }),
        ...lifetimes,
      };
    case 'postgres':
      return {
        kind: 'postgres',
        url: required(vars.PARLEY_POSTGRES_URL, 'PARLEY_POSTGRES_URL', 'postgres'),
        ...(vars.PARLEY_POSTGRES_SCHEMA === undefined ? {} : { schema: vars.PARLEY_POSTGRES_SCHEMA }),
        ...lifetimes,
      };
  }
}

function required(value: string | undefined, name: string, store: string): string {
  if (value === undefined) throw new Error(`invalid configuration: ${name}: required when PARLEY_STORE=${store}`);
  return value;
}

// An empty variable (PARLEY_X= in a compose file) means "not set", so it takes the default.
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Where the container's healthcheck finds the service it runs beside: /health, a wildcard host read as loopback. */
export function loadHealthcheckConfig(env: NodeJS.ProcessEnv = process.env): { url: string } {
  const parsed = schema.pick({ PARLEY_HTTP_HOST: true, PARLEY_HTTP_PORT: true }).safeParse(withoutEmptyValues(env));
  if (!parsed.success)
    throw new Error(
      `invalid configuration: ${parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`).join('; ')}`,
    );
  const host = parsed.data.PARLEY_HTTP_HOST.replace(/^\[(.*)\]$/, '$1');
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return { url: `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${parsed.data.PARLEY_HTTP_PORT}/health` };
}
