/**
 * API keys on the dialogue service (PARLEY_API_KEYS): every route of the API (/v1/…, REST and the WebSocket
 * upgrade) answers 401 UNAUTHENTICATED unless the request presents a configured key. `/health`, `/ready` and
 * `/metrics` stay open for orchestrators and Prometheus, which hold no key and learn nothing about a session
 * from them; `/docs` and the web chat page's files stay open because they are the same for everyone (the page
 * itself needs a key to open its socket).
 */
import type {} from '@fastify/websocket'; // its types add `request.ws`
import { type ApiKeySet, bearerToken, ParleyError } from '@parley/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Route patterns under this prefix need a key. */
const API_PREFIX = '/v1/';

/** Where a request's key came from; the error message names it. */
type KeySource = 'authorization' | 'x-api-key' | 'key';

interface PresentedKey {
  source: KeySource;
  /** Undefined when the source is there but holds no usable key (`Authorization: Basic …`). */
  key: string | undefined;
}

/**
 * The key a request presents: the first of `Authorization: Bearer <key>`, `X-API-Key: <key>`, and (on a WebSocket
 * upgrade only, since browsers cannot set headers on one) the `key` query parameter. Only that one is checked.
 */
export function presentedApiKey(request: FastifyRequest): PresentedKey | undefined {
  const { authorization } = request.headers;
  if (authorization !== undefined) return { source: 'authorization', key: bearerToken(authorization) };
  const header = request.headers['x-api-key'];
  if (header !== undefined) return { source: 'x-api-key', key: typeof header === 'string' ? header : undefined };
  if (request.ws === true) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    if (query['key'] !== undefined) return { source: 'key', key: typeof query['key'] === 'string' ? query['key'] : undefined };
  }
  return undefined;
}

/** Whether the route a request matched is part of the API (an unmatched request gets its 404 either way). */
function isApiRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith(API_PREFIX) ?? false;
}

/**
 * Adds the check (nothing when no key is configured). It runs at preParsing, after the rate limit's onRequest
 * hook, so requests with wrong keys count against their address's limit, and before any body is read.
 */
export function registerApiKeyCheck(app: FastifyInstance, keys: ApiKeySet): void {
  if (!keys.enabled) return;
  app.addHook('preParsing', async (request, reply) => {
    if (!isApiRoute(request)) return;
    const presented = presentedApiKey(request);
    if (keys.identify(presented?.key) !== undefined) return;
    void reply.header('www-authenticate', 'Bearer');
    throw unauthenticated(presented, request.ws === true);
  });
}

function unauthenticated(presented: PresentedKey | undefined, webSocket: boolean): ParleyError {
  if (presented === undefined) {
    const ways = `Authorization: Bearer <key> or X-API-Key: <key>${webSocket ? ', or the query parameter ?key=<key>' : ''}`;
    return new ParleyError('UNAUTHENTICATED', `authorization: an API key is required; send ${ways}`, { field: 'authorization' });
  }
  const expected = presented.source === 'authorization' ? ' (expected "Bearer <key>")' : '';
  return new ParleyError('UNAUTHENTICATED', `${presented.source}: the API key is not valid${expected}`, { field: presented.source });
}
