/**
 * The errors fastify answers outside its error handler, in the documented `{error: {code, message}}` shape like
 * every other: what Node's HTTP parser refuses before there is a request (a malformed request line or header,
 * headers over Node's 16 KiB: 431, a request that did not arrive within PARLEY_REQUEST_TIMEOUT_MS: 408), and a
 * path that is not valid percent-encoding (`/v1/sessions/%ZZ`), which the router refuses before any route runs.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_CODES, type ErrorCode } from '@parley/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface ClientError extends Error {
  code?: string;
}

/** What a refused connection is answered; Node's parser error codes start with HPE_. */
function clientErrorAnswer(error: ClientError, requestTimeoutMs: number): { code: ErrorCode; message: string } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        code: 'REQUEST_TIMEOUT',
        message: `request: the headers and body did not arrive within ${requestTimeoutMs} ms (PARLEY_REQUEST_TIMEOUT_MS)`,
      };
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'HEADERS_TOO_LARGE', message: 'headers: the request line and headers are larger than 16 KiB' };
    default:
      return { code: 'INVALID_ARGUMENT', message: `request: malformed HTTP request (${error.code ?? 'parse error'})` };
  }
}

/**
 * fastify's clientErrorHandler: answers once, then closes the connection, as Node does. Nothing is written when
 * the peer is gone or a response has already begun on the socket (bytes after it would corrupt the stream).
 */
export function clientErrorHandler(requestTimeoutMs: number): (this: FastifyInstance, error: ClientError, socket: Socket) => void {
  return function answer(this: FastifyInstance, error, socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const answer = clientErrorAnswer(error, requestTimeoutMs);
    const status = ERROR_CODES[answer.code].http;
    this.log.info(
      { code: answer.code, parserError: error.code, remoteAddress: socket.remoteAddress },
      'request refused by the HTTP parser',
    );
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && inFlight?.headersSent !== true) {
      const body = JSON.stringify({ error: answer });
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}

/** fastify's frameworkErrors: a path the router cannot decode, and (unused here) a failed async constraint. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const badUrl = error.code === 'FST_ERR_BAD_URL';
  const code: ErrorCode = badUrl ? 'INVALID_ARGUMENT' : 'INTERNAL';
  const message = badUrl ? 'path: not valid percent-encoding (each % must start a %XX escape of UTF-8 bytes)' : 'internal error';
  if (badUrl) request.log.info({ code }, 'request refused');
  else request.log.error({ err: error }, 'request failed');
  void reply.code(ERROR_CODES[code].http).header('x-request-id', request.id).send({ error: { code, message } });
}
