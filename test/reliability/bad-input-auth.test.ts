/**
 * The API-key cases of the bad-input matrix: the dialogue app configured with PARLEY_API_KEYS (REST through
 * app.inject, WebSocket upgrades over real sockets) and the NLU service with PARLEY_NLU_API_KEYS (real gRPC, raw
 * client). Every way of presenting no valid key gets 401 / UNAUTHENTICATED naming where the key was looked for,
 * every valid key reaches the route (which then answers as it would without keys), and the open routes need none.
 */
import { Metadata } from '@grpc/grpc-js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { CaseLog } from '@parley/testkit/reliability/case-log';
import { authGrpcCases, type GrpcCase } from '@parley/testkit/reliability/grpc-cases';
import { startNlu, tinyDefinition, type NluUnderTest } from '@parley/testkit/reliability/nlu-under-test';
import { API_KEYS, authRestCases } from '@parley/testkit/reliability/rest-cases';
import { runRestCase } from '@parley/testkit/reliability/run-rest-case';
import { authWsCases, type WsAuthCase } from '@parley/testkit/reliability/ws-cases';

const log = new CaseLog('bad-input-auth', 'bad-input');
const NLU_KEYS = ['nlu-key-one-0123456789abcdef', 'nlu-key-two-0123456789abcdef'] as const;

let dialogue: DialogueTestApp;
let wsUrl: string;
let nlu: NluUnderTest;

beforeAll(async () => {
  [dialogue, nlu] = await Promise.all([
    startDialogueTestApp(createFixtureBot(), { env: { PARLEY_API_KEYS: API_KEYS.join(',') } }),
    startNlu({ PARLEY_NLU_TRAINER: 'inline', PARLEY_NLU_API_KEYS: NLU_KEYS.join(',') }),
  ]);
  const address = await dialogue.app.listen({ host: '127.0.0.1', port: 0 });
  wsUrl = `${address.replace('http', 'ws')}/v1/ws`;
  const trained = await nlu.client.nlu(
    'Train',
    { definition: tinyDefinition() },
    { deadlineMs: 120_000, metadata: metadataOf({ authorization: `Bearer ${NLU_KEYS[0]}` }) },
  );
  expect(trained.status).toBe('OK');
});
afterAll(async () => {
  log.write();
  await Promise.all([dialogue?.close(), nlu?.close()]);
});

describe('REST: API keys', () => {
  const cases = authRestCases();
  it('has distinct case names', () => {
    expect(new Set(cases.map((testCase) => testCase.name)).size).toBe(cases.length);
  });
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const result = await runRestCase(dialogue.app, testCase);
      log.record(testCase.name, result);
      expect(result.problems).toEqual([]);
    });
  }

  it('asks for Bearer credentials on a 401 (WWW-Authenticate)', async () => {
    const response = await dialogue.app.inject({ method: 'GET', url: '/v1/sessions/x' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });
});

/** What an upgrade came to: "session" (a session frame arrived), or "<status> <code> <field>" of the HTTP refusal. */
function upgrade(testCase: WsAuthCase): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}${testCase.query}`, { headers: testCase.headers });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        const error = (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
        const field = 'field' in testCase.expect ? testCase.expect.field : '';
        const named = error?.message?.startsWith(`${field}:`) ? field : `(message: ${String(error?.message)})`;
        resolve(`${String(response.statusCode)} ${String(error?.code)} ${named}`);
      });
    });
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { action?: string }).action !== 'session') return;
      socket.close();
      resolve('session');
    });
    socket.on('error', reject);
  });
}

describe('WebSocket: API keys', () => {
  for (const testCase of authWsCases(API_KEYS)) {
    it(testCase.name, async () => {
      const expected =
        'session' in testCase.expect ? 'session' : `${testCase.expect.status} ${testCase.expect.code} ${testCase.expect.field}`;
      const got = await upgrade(testCase);
      log.record(testCase.name, { expected, got, serverError: /^5\d\d/.test(got) });
      expect(got).toBe(expected);
    });
  }
});

describe('gRPC: API keys', () => {
  const cases = authGrpcCases(NLU_KEYS);
  it('has distinct case names', () => {
    expect(new Set(cases.map((testCase) => testCase.name)).size).toBe(cases.length);
  });
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const answer = await send(testCase);
      log.record(testCase.name, {
        expected: testCase.expect,
        got: answer.status,
        serverError: ['UNKNOWN', 'INTERNAL'].includes(answer.status),
      });
      expect(answer.status).toBe(testCase.expect);
      if (testCase.field !== undefined) expect(answer.details).toContain(testCase.field);
    });
  }
});

function metadataOf(entries: Record<string, string>): Metadata {
  const metadata = new Metadata();
  for (const [name, value] of Object.entries(entries)) metadata.set(name, value);
  return metadata;
}

function send(testCase: GrpcCase): ReturnType<NluUnderTest['client']['call']> {
  const metadata = metadataOf(testCase.metadata ?? {});
  if (!testCase.method.startsWith('/')) return nlu.client.nlu(testCase.method, testCase.request, { metadata });
  return nlu.client.call(testCase.method, Buffer.isBuffer(testCase.request) ? testCase.request : Buffer.alloc(0), { metadata });
}
