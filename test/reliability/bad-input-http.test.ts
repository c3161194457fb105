/**
 * The HTTP bad-input matrix (support/http-cases.ts) against the dialogue app listening on 127.0.0.1:0 — what the
 * REST matrix cannot send through inject(): malformed requests, oversized headers, trickled requests, undecodable
 * paths. Each answer has its documented status, registered code and `{"error": {"code", "message"}}` body naming
 * the field, and the parser's refusals close the connection. HEAD on every GET route answers as GET does, without a
 * body. A WebSocket or a kept-alive connection idle for longer than the request timeout is not cut, and the service
 * still answers afterwards.
 */
import { ERROR_CODES } from '@parley/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { CaseLog } from '@parley/testkit/reliability/case-log';
import { HEAD_ROUTES, HTTP_LIMITS, httpCases } from '@parley/testkit/reliability/http-cases';
import { rawExchange, type RawResponse } from '@parley/testkit/reliability/raw-http';
import { newSession } from '@parley/testkit/reliability/run-rest-case';

const log = new CaseLog('bad-input-http', 'bad-input');

afterAll(() => {
  log.write();
});

function bodyProblems(response: RawResponse, field: string): string[] {
  let body: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    body = JSON.parse(response.body) as typeof body;
  } catch {
    return [`the body is not JSON: ${response.body.slice(0, 200)}`];
  }
  const error = body?.error;
  if (!error || typeof error.message !== 'string' || Object.keys(body ?? {}).length !== 1 || Object.keys(error).length !== 2) {
    return [`the body is not {error: {code, message}}: ${response.body.slice(0, 200)}`];
  }
  if (typeof error.code !== 'string' || !(error.code in ERROR_CODES)) return [`unregistered code ${String(error.code)}`];
  if (!error.message.includes(field)) return [`the message does not name "${field}": ${error.message}`];
  return [];
}

describe('HTTP bad-input matrix (a listening dialogue app)', () => {
  let harness: DialogueTestApp;
  let port: number;
  let session: string;

  beforeAll(async () => {
    harness = await startDialogueTestApp(createFixtureBot(), { env: { PARLEY_REQUEST_TIMEOUT_MS: String(HTTP_LIMITS.requestTimeoutMs) } });
    await harness.app.listen({ host: '127.0.0.1', port: 0 });
    port = (harness.app.server.address() as { port: number }).port;
    session = await newSession(harness.app);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('has distinct case names', () => {
    const names = httpCases().map((testCase) => testCase.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const testCase of httpCases()) {
    it(testCase.name, async () => {
      const pieces = testCase.pieces.map((piece) => (typeof piece === 'string' ? piece.replace('{id}', session) : piece));
      const response = await rawExchange(port, pieces);
      const code = (/"code":"([A-Z_]+)"/.exec(response.body) ?? [])[1];
      const expected = `${testCase.status} ${testCase.code}`;
      const got = `${response.status}${code ? ` ${code}` : ''}`;
      log.record(testCase.name, { expected, got, serverError: response.status >= 500 });
      expect(got).toBe(expected);
      expect(bodyProblems(response, testCase.field)).toEqual([]);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      if (testCase.closes) expect(response.closed, 'the connection is closed after the answer').toBe(true);
      if (testCase.code === 'REQUEST_TIMEOUT') {
        log.max('slowest 408 (ms)', response.elapsedMs);
        // Node checks connections every quarter of the timeout (at most 1 s): the answer comes soon after it.
        expect(response.elapsedMs).toBeGreaterThanOrEqual(HTTP_LIMITS.requestTimeoutMs - 50);
        expect(response.elapsedMs).toBeLessThan(HTTP_LIMITS.requestTimeoutMs * 2 + 1_000);
      }
    });
  }

  for (const [name, path] of HEAD_ROUTES) {
    const caseName = `HEAD ${name} answers as GET does, without a body`;
    it(caseName, async () => {
      const url = path.replace('{id}', session);
      const request = (method: string) =>
        rawExchange(port, [`${method} ${url} HTTP/1.1\r\nHost: parley.test\r\n\r\n`], 5_000, method === 'HEAD');
      const [get, head] = [await request('GET'), await request('HEAD')];
      const same = (header: string) => head.headers[header] === get.headers[header];
      const problems = [
        ...(head.status === get.status ? [] : [`status ${head.status}, GET ${get.status}`]),
        ...(same('content-type') ? [] : [`content-type ${head.headers['content-type']}, GET ${get.headers['content-type']}`]),
        // /ready's checks and the history's timestamps do not change between the two; a length may only for /ready.
        ...(same('content-length') || path === '/ready'
          ? []
          : [`content-length ${head.headers['content-length']}, GET ${get.headers['content-length']}`]),
        ...(head.body === '' ? [] : [`HEAD has a body: ${head.body.slice(0, 100)}`]),
        ...(get.status >= 400 ? bodyProblems(get, '') : []),
      ];
      log.record(caseName, {
        expected: `${get.status} like GET`,
        got: problems.length === 0 ? `${get.status} like GET` : problems.join('; '),
        serverError: head.status >= 500,
      });
      expect(problems).toEqual([]);
    });
  }

  it('keeps a WebSocket and a kept-alive connection open past the request timeout, and still answers afterwards', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/ws`);
    const frames: string[] = [];
    socket.on('message', (data: Buffer) => frames.push(data.toString()));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    await new Promise((resolve) => setTimeout(resolve, HTTP_LIMITS.requestTimeoutMs * 2));
    const answered = new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ action: 'user_message', message: 'hello' }));
    await answered;
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();

    const idle = await rawExchange(port, [
      'GET /health HTTP/1.1\r\nHost: parley.test\r\n\r\n',
      { waitMs: HTTP_LIMITS.requestTimeoutMs * 2 },
      'GET /health HTTP/1.1\r\nHost: parley.test\r\n\r\n',
    ]);
    expect(idle.status).toBe(200);
    const health = await harness.app.inject({ method: 'GET', url: '/health' });
    log.count('crashes', health.statusCode === 200 ? 0 : 1);
    expect(health.statusCode).toBe(200);
  });
});
