/**
 * Rate limits (PARLEY_RATE_LIMIT_PER_MINUTE) with @fastify/rate-limit: each valid API key, or else each client
 * address, may make that many requests per minute on every route but /health, /ready and /metrics (orchestrators
 * and Prometheus poll them); more get 429 RATE_LIMITED with Retry-After. Only a configured key earns a bucket of
 * its own: a made-up key counts against its sender's address, so rotating keys does not escape the limit.
 * Counters live in each replica's memory: behind a load balancer spreading N replicas, a client gets up to N times
 * the limit.
 */
import rateLimit from '@fastify/rate-limit';
import { type ApiKeySet, ParleyError } from '@parley/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { presentedApiKey } from './require-api-key';

const WINDOW_MS = 60_000;
const EXEMPT_ROUTES: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);

/** Registers the limit (nothing when `perMinute` is 0). Routes registered afterwards are limited. */
export async function registerRateLimit(app: FastifyInstance, options: { perMinute: number; keys: ApiKeySet }): Promise<void> {
  if (options.perMinute <= 0) return;
  const { keys } = options;
  await app.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: WINDOW_MS,
    hook: 'onRequest',
    keyGenerator: (request: FastifyRequest) => keys.identify(presentedApiKey(request)?.key) ?? `address ${request.ip}`,
    allowList: (request: FastifyRequest) => EXEMPT_ROUTES.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) =>
      new ParleyError('RATE_LIMITED', `rate limit: more than ${context.max} requests in a minute; retry in ${context.after}`, {
        field: 'rate limit',
      }),
  });
}
