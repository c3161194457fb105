/**
 * How requests appear in the log: fastify's own fields, with the value of a `key` query parameter (the API key a
 * browser's WebSocket sends, see require-api-key.ts) replaced, so no key is ever written to a log.
 */
import type { FastifyRequest } from 'fastify';

const KEY_PARAMETER = /([?&]key=)[^&#]*/g;

function withoutApiKey(url: string): string {
  return url.replace(KEY_PARAMETER, '$1[redacted]');
}

export const LOG_SERIALIZERS = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: withoutApiKey(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};
