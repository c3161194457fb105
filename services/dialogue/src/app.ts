/**
 * Builds the dialogue service's fastify app from its configuration and dependencies, without listening: main.ts
 * listens, tests call app.inject(). Wires the rate limit and API-key check, SessionTurns, the REST routes (sessions,
 * the audit and the dashboard's data), OpenAPI at
 * /docs, operations routes and the WebSocket channel with its web chat page.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Predictor } from '@parley/bot';
import { ApiKeySet, ParleyError } from '@parley/domain';
import type { SessionStore } from '@parley/session-store';
import type { DefinitionFile } from './bot/definition-file';
import type { DialogueBot } from './bot/dialogue-bot';
import type { DialogueConfig } from './config';
import { registerDashboardRoutes } from './dashboard/dashboard-routes';
import { registerAuditRoutes } from './http/audit-routes';
import { clientErrorHandler, frameworkErrorHandler } from './http/client-errors';
import { registerErrorHandling } from './http/error-handler';
import { LOG_SERIALIZERS } from './http/log-serializers';
import { registerOperationRoutes, type ReadinessProbe } from './http/operation-routes';
import { registerRateLimit } from './http/rate-limit';
import { registerApiKeyCheck } from './http/require-api-key';
import { registerSessionRoutes } from './http/session-routes';
import { validatorCompiler } from './http/validator-compiler';
import { DialogueMetrics } from './metrics/dialogue-metrics';
import { MeteredSessionStore } from './store/metered-session-store';
import { SessionTurns } from './turns/session-turns';
import { registerWebChat, registerWebSocketChannel } from './channels';

export type AppConfig = Pick<DialogueConfig, 'http' | 'maxTextLength' | 'historyWindow' | 'logLevel'> &
  Partial<Pick<DialogueConfig, 'devMode'>>;

export interface AppDeps {
  bot: DialogueBot;
  store: SessionStore;
  /** The NLU: predicts for the bot, and answers /ready. */
  nlu: Predictor & ReadinessProbe;
  metrics?: DialogueMetrics;
  /** A pino logger to use instead of one built from `config.logLevel`. */
  logger?: FastifyBaseLogger;
  /** The turns' reference time (tests pin it). */
  clock?: () => Date;
  /** The bot's definition file (PARLEY_BOT_DEFINITION_FILE), where the dashboard writes labelled phrases. */
  definitionFile?: DefinitionFile;
  /** True once the service is shutting down: /ready answers 503 so load balancers send no new traffic. */
  isDraining?: () => boolean;
}

/** A client's X-Request-ID is kept when it is short and plain; otherwise the request gets a new one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/**
 * Longer path parameters get a 404 from the router before any schema runs. Above the longest valid id, so that an
 * id one character too long still reaches the schema and gets its 400 naming `id`.
 */
const MAX_PATH_PARAM_LENGTH = 256;
/** How often Node checks connections against the request timeout: the 408 comes at most this late. */
const MAX_TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export async function buildApp(config: AppConfig, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger
      ? { loggerInstance: deps.logger.child({}, { serializers: LOG_SERIALIZERS }) }
      : { logger: config.logLevel === 'silent' ? false : { level: config.logLevel, serializers: LOG_SERIALIZERS } }),
    bodyLimit: config.http.bodyLimitBytes,
    // A request whose headers and body do not arrive in time (a client trickling bytes) gets 408 REQUEST_TIMEOUT:
    // fastify turns Node's own request timeout off by default. Node checks every 30 s unless told otherwise.
    requestTimeout: config.http.requestTimeoutMs,
    http: {
      headersTimeout: config.http.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(MAX_TIMEOUT_CHECK_INTERVAL_MS, Math.ceil(config.http.requestTimeoutMs / 4)),
    },
    clientErrorHandler: clientErrorHandler(config.http.requestTimeoutMs),
    frameworkErrors: frameworkErrorHandler,
    // Behind a load balancer, the client's address (rate limits, logs) is the one the proxies forwarded.
    trustProxy: config.http.trustProxyHops > 0 ? config.http.trustProxyHops : false,
    // While closing, a request arriving on a kept-alive connection is served (with Connection: close) instead of
    // getting fastify's bare 503, whose body is not an {error: {code, message}}.
    return503OnClosing: false,
    // find-my-way's default (100) is shorter than a session id may be (SESSION_ID_PATTERN: up to 128).
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    requestIdLogLabel: 'requestId',
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandling(app);
  acceptJsonOnly(app);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Before any route: the rate limit applies to the routes registered after it.
  const apiKeys = new ApiKeySet(config.http.apiKeys);
  await registerRateLimit(app, { perMinute: config.http.rateLimitPerMinute, keys: apiKeys });
  registerApiKeyCheck(app, apiKeys);

  const metrics = deps.metrics ?? new DialogueMetrics();
  const store = new MeteredSessionStore(deps.store, metrics);
  const turns = new SessionTurns({
    bot: deps.bot,
    store,
    predictor: deps.nlu,
    metrics,
    logger: app.log,
    historyWindow: config.historyWindow,
    maxTextLength: config.maxTextLength,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Parley dialogue service', version: '1.0.0', description: 'Sessions, turns and history of a Parley bot' },
      tags: [{ name: 'sessions' }, { name: 'audit' }, { name: 'operations' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerSessionRoutes(app, turns);
  registerAuditRoutes(app, store);
  registerDashboardRoutes(app, {
    store,
    bot: deps.bot,
    maxTextLength: config.maxTextLength,
    clock: deps.clock ?? (() => new Date()),
    ...(deps.definitionFile ? { definitionFile: deps.definitionFile } : {}),
  });
  registerOperationRoutes(app, { store, nlu: deps.nlu, metrics, ...(deps.isDraining ? { isDraining: deps.isDraining } : {}) });
  await registerWebSocketChannel(app, { turns, maxFrameBytes: config.http.bodyLimitBytes, devMode: config.devMode ?? false });
  await registerWebChat(app, {});
  return app;
}

/**
 * JSON is the only body type: text/plain (which fastify parses by default) gets a 415 like any other type. An
 * empty body with a JSON content type counts as no body, so `POST /v1/sessions` works from any client. The body
 * is read as bytes and must be valid UTF-8, as WebSocket frames must: decoding it as a string would quietly turn
 * invalid bytes into U+FFFD.
 */
function acceptJsonOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (!isUtf8(body)) {
      done(new ParleyError('INVALID_ARGUMENT', 'body is not valid UTF-8', { field: 'body' }), undefined);
      return;
    }
    const text = body.toString('utf8');
    if (text === '') done(null, undefined);
    else void parseJson(request, text, done);
  });
}
