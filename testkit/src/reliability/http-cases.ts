/**
 * What the HTTP parser and the router see before any route runs, sent over a bare socket (raw-http.ts): requests
 * Node's parser refuses, headers over its 16 KiB, requests trickled slower than PARLEY_REQUEST_TIMEOUT_MS, and paths
 * that are not valid percent-encoding. Each gets the documented `{"error": {"code", "message"}}` body with its
 * status and registered code, the message naming the field.
 */
import type { RawPiece } from './raw-http';

export interface HttpCase {
  name: string;
  pieces: RawPiece[];
  status: number;
  code: string;
  /** Named in the error message. */
  field: string;
  /** The server closes the connection after answering (the parser's errors: the stream cannot be trusted). */
  closes: boolean;
}

/** The request timeout the suite's app runs with, and Node's header limit. */
export const HTTP_LIMITS = { requestTimeoutMs: 1_500, maxHeaderBytes: 16 * 1024 };

const HOST = 'Host: parley.test\r\n';
const get = (path: string, extra = ''): string => `GET ${path} HTTP/1.1\r\n${HOST}${extra}\r\n`;
const parserError = (name: string, request: string | Buffer): HttpCase => ({
  name: `parser: ${name}`,
  pieces: [request],
  status: 400,
  code: 'INVALID_ARGUMENT',
  field: 'request',
  closes: true,
});
const badPath = (name: string, method: string, path: string): HttpCase => ({
  name: `path: ${name}`,
  pieces: [
    `${method} ${path} HTTP/1.1\r\n${HOST}${method === 'POST' ? 'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}' : '\r\n'}`,
  ],
  status: 400,
  code: 'INVALID_ARGUMENT',
  field: 'path',
  closes: false,
});
const tooLarge = (name: string, request: string): HttpCase => ({
  name: `headers: ${name}`,
  pieces: [request],
  status: 431,
  code: 'HEADERS_TOO_LARGE',
  field: 'headers',
  closes: true,
});
const slow = (name: string, pieces: RawPiece[]): HttpCase => ({
  name: `timeout: ${name}`,
  pieces,
  status: 408,
  code: 'REQUEST_TIMEOUT',
  field: 'request',
  closes: true,
});

/** `{id}` stands for a live session's id. */
export function httpCases(): HttpCase[] {
  const { requestTimeoutMs, maxHeaderBytes } = HTTP_LIMITS;
  const body = '{"text":"weather in BCN"}';
  const post = `POST /v1/sessions/{id}/messages HTTP/1.1\r\n${HOST}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  // Trickled: every byte arrives, each after a pause, the whole taking about twice the timeout.
  const trickle = (text: string, pauseMs: number): RawPiece[] => [...text].flatMap((character) => [character, { waitMs: pauseMs }]);
  return [
    parserError('not HTTP at all', 'GARBAGE\r\n\r\n'),
    parserError('an unknown method', 'BREW / HTTP/1.1\r\n\r\n'),
    parserError('a lower-case method', 'get / HTTP/1.1\r\n\r\n'),
    parserError('HTTP version 9.9', 'GET / HTTP/9.9\r\n\r\n'),
    parserError('a space inside the path', `GET /v1/sessions/a b HTTP/1.1\r\n${HOST}\r\n`),
    parserError('NUL in the request line', Buffer.from(`GET /\0 HTTP/1.1\r\n${HOST}\r\n`, 'latin1')),
    parserError('a header name with a space', get('/health', 'Bad Header: x\r\n')),
    parserError('a header without a colon', get('/health', 'NoColon\r\n')),
    parserError('a control character in a header value', get('/health', 'X-Test: a\u0001b\r\n')),
    parserError('a bare LF line ending', `GET / HTTP/1.1\n${HOST}\n`),
    parserError('a CR without LF', `GET / HTTP/1.1\r${HOST}\r\n`),
    parserError('two different Content-Lengths', `POST /v1/sessions HTTP/1.1\r\n${HOST}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`),
    parserError('a negative Content-Length', `POST /v1/sessions HTTP/1.1\r\n${HOST}Content-Length: -1\r\n\r\n`),
    parserError('a Content-Length that is not a number', `POST /v1/sessions HTTP/1.1\r\n${HOST}Content-Length: ten\r\n\r\n`),
    parserError(
      'Content-Length and chunked Transfer-Encoding together',
      `POST /v1/sessions HTTP/1.1\r\n${HOST}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`,
    ),
    parserError(
      'a chunk size that is not hexadecimal',
      `POST /v1/sessions HTTP/1.1\r\n${HOST}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
    ),
    parserError('an unknown Transfer-Encoding', `POST /v1/sessions HTTP/1.1\r\n${HOST}Transfer-Encoding: rot13\r\n\r\n{}`),
    tooLarge('one header of 20 KiB', get('/health', `X-Big: ${'a'.repeat(20 * 1024)}\r\n`)),
    tooLarge('2,000 small headers', get('/health', Array.from({ length: 2_000 }, (_, i) => `X-H${i}: ${'v'.repeat(10)}\r\n`).join(''))),
    tooLarge('a path of 20 KiB', get(`/v1/sessions/${'a'.repeat(20 * 1024)}`)),
    tooLarge('headers one byte over the limit in all', get('/health', `X-Big: ${'a'.repeat(maxHeaderBytes)}\r\n`)),
    slow('headers never finished', [`GET /health HTTP/1.1\r\n${HOST}`]),
    slow('headers trickled a byte at a time', trickle(get('/health'), requestTimeoutMs / 20)),
    slow('a body that never comes', [post]),
    slow('a body trickled a byte at a time', [post, ...trickle(body, (2 * requestTimeoutMs) / body.length)]),
    slow('a body cut short of its Content-Length', [post, body.slice(0, 10)]),
    slow('a chunked body never finished', [
      `POST /v1/sessions/{id}/messages HTTP/1.1\r\n${HOST}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"tex\r\n`,
    ]),
    badPath('GET a session id that is not percent-encoding', 'GET', '/v1/sessions/%ZZ'),
    badPath('GET a lone %', 'GET', '/v1/sessions/%'),
    badPath('GET a truncated UTF-8 escape', 'GET', '/v1/sessions/%E0%A4%A'),
    badPath('GET an escape of invalid UTF-8', 'GET', '/v1/sessions/%FF'),
    badPath('GET the history of a bad id', 'GET', '/v1/sessions/%ZZ/history'),
    badPath('POST a message to a bad id', 'POST', '/v1/sessions/%ZZ/messages'),
    badPath('DELETE a bad id', 'DELETE', '/v1/sessions/%ZZ'),
  ];
}

/** GET routes whose HEAD must answer as GET does (status and headers) with no body; `{id}`: a live session. */
export const HEAD_ROUTES: Array<[string, string]> = [
  ['a session', '/v1/sessions/{id}'],
  ['a history page', '/v1/sessions/{id}/history?limit=5'],
  ['an unknown session', '/v1/sessions/no-such-session'],
  ['a session id outside the pattern', '/v1/sessions/a.b'],
  ['bad paging', '/v1/sessions/{id}/history?limit=0'],
  ['an undecodable path', '/v1/sessions/%ZZ'],
  ['an unknown route', '/v1/nothing-here'],
  ['the WebSocket route without an upgrade', '/v1/ws'],
  ['/health', '/health'],
  ['/ready', '/ready'],
  ['/docs/json', '/docs/json'],
  ['the chat page', '/'],
];
