/**
 * The WebSocket bad-input matrix (support/ws-cases.ts) over real sockets against the dialogue app (real NLU
 * in-process, memory store): each bad frame gets its error frame with the registered code and the field, the
 * socket stays open, the session is untouched, and the next good frame is answered. Then the connection-level
 * cases: unknown and malformed session ids to resume, and a frame far over the limit.
 */
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from '@parley/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { CaseLog, type CaseOutcome } from '@parley/testkit/reliability/case-log';
import { WS_LIMITS, wsCases, type WsCase } from '@parley/testkit/reliability/ws-cases';
import { type Frame, WsProbe } from '@parley/testkit/reliability/ws-probe';

const log = new CaseLog('bad-input-websocket', 'bad-input');
let harness: DialogueTestApp;
let url: string;

beforeAll(async () => {
  harness = await startDialogueTestApp(createFixtureBot(), {
    env: { PARLEY_MAX_TEXT_LENGTH: String(WS_LIMITS.maxTextLength), PARLEY_BODY_LIMIT_BYTES: String(WS_LIMITS.maxFrameBytes) },
  });
  const address = await harness.app.listen({ host: '127.0.0.1', port: 0 });
  url = `${address.replace('http', 'ws')}/v1/ws`;
});
afterAll(async () => {
  log.write();
  await harness?.close();
});

async function sessionView(app: FastifyInstance, id: string): Promise<string> {
  const [view, history] = await Promise.all([
    app.inject({ method: 'GET', url: `/v1/sessions/${id}` }),
    app.inject({ method: 'GET', url: `/v1/sessions/${id}/history?limit=500` }),
  ]);
  return `${view.body} ${history.json().total as number}`;
}

/** Opens a socket on a new session, skipping its initial replies. */
async function openSession(): Promise<{ probe: WsProbe; id: string }> {
  const probe = await WsProbe.open(url);
  const { frame } = await probe.until('session');
  await probe.until('bot_reply_str');
  return { probe, id: (frame.message as { id: string }).id };
}

function describeFrame(frame: Frame): string {
  if (frame.action !== 'error') return frame.action;
  const error = frame.message as { code: string };
  return `error ${error.code}`;
}

async function runWsCase(testCase: WsCase): Promise<CaseOutcome & { problems: string[] }> {
  const { probe, id } = await openSession();
  const problems: string[] = [];
  try {
    const before = await sessionView(harness.app, id);
    probe.send(testCase.frame, testCase.binary);
    const answer = await probe.next();
    const expected = 'code' in testCase.expect ? `error ${testCase.expect.code}` : 'bot_reply_*';
    const got = answer.action.startsWith('bot_reply_') ? 'bot_reply_*' : describeFrame(answer);
    if (got !== expected) problems.push(`expected ${expected}, got ${JSON.stringify(answer).slice(0, 300)}`);
    if ('code' in testCase.expect) {
      const error = answer.message as { code?: string; field?: string; message?: string };
      if (typeof error.message !== 'string' || !(String(error.code) in ERROR_CODES))
        problems.push(`malformed error frame ${JSON.stringify(answer)}`);
      if (answer.action === 'error' && error.field !== testCase.expect.field)
        problems.push(`field ${String(error.field)}, expected ${testCase.expect.field}`);
      if ((await sessionView(harness.app, id)) !== before) problems.push('the refused frame changed the session');
    }
    // The socket lives on: the next good frame is answered (after whatever the case's own frame still produces).
    probe.send(JSON.stringify({ action: 'user_message', message: 'alive?', message_id: 'alive-check' }));
    await probe.until('bot_reply_str');
    if (!probe.isOpen) problems.push(`the socket closed (${String(probe.closeCode)})`);
    return { expected, got, serverError: got === 'error INTERNAL', problems };
  } finally {
    probe.close();
  }
}

describe('WebSocket bad-input matrix', () => {
  it('has distinct case names', () => {
    const names = wsCases().map((testCase) => testCase.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const testCase of wsCases()) {
    it(testCase.name, async () => {
      const result = await runWsCase(testCase);
      log.record(testCase.name, result);
      expect(result.problems).toEqual([]);
    });
  }
});

describe('WebSocket connection cases', () => {
  const resumeCases: Array<[string, string, Record<string, string>, string]> = [
    ['resume: unknown session_id', '?session_id=no-such-session', {}, 'SESSION_NOT_FOUND'],
    ['resume: session_id with a dot', '?session_id=a.b', {}, 'INVALID_ARGUMENT'],
    ['resume: session_id of 129 characters', `?session_id=${'s'.repeat(129)}`, {}, 'INVALID_ARGUMENT'],
    ['resume: session_id repeated', '?session_id=a&session_id=b', {}, 'INVALID_ARGUMENT'],
    ['resume: session_id with an encoded NUL', '?session_id=a%00', {}, 'INVALID_ARGUMENT'],
    ['resume: unknown X-Session-ID header', '', { 'x-session-id': 'no-such-session' }, 'SESSION_NOT_FOUND'],
    ['resume: malformed X-Session-ID header', '', { 'x-session-id': '../../etc' }, 'INVALID_ARGUMENT'],
  ];
  for (const [name, query, headers, code] of resumeCases) {
    it(`${name}: an error frame, then a new session`, async () => {
      const probe = await WsProbe.open(`${url}${query}`, headers);
      try {
        const error = await probe.next();
        const session = await probe.next();
        const got = `${describeFrame(error)} then ${session.action} resumed=${String((session.message as { resumed?: boolean }).resumed)}`;
        const expected = `error ${code} then session resumed=false`;
        log.record(name, { expected, got, serverError: got.includes('INTERNAL') });
        expect(got).toBe(expected);
      } finally {
        probe.close();
      }
    });
  }

  it('a frame over twice the limit closes the socket with 1009', async () => {
    const { probe } = await openSession();
    probe.send('x'.repeat(WS_LIMITS.maxFrameBytes * 2 + 1));
    const code = await probe.closed();
    log.record('frame: over twice the limit', { expected: 'close 1009', got: `close ${String(code)}`, serverError: false });
    expect(code).toBe(1009);
  });

  it('still answers afterwards, over REST and WebSocket', async () => {
    const { probe } = await openSession();
    probe.send(JSON.stringify({ action: 'user_message', message: 'hello' }));
    const reply = await probe.next();
    probe.close();
    const health = await harness.app.inject({ method: 'GET', url: '/health' });
    const alive = reply.action === 'bot_reply_options' && health.statusCode === 200;
    log.count('crashes', alive ? 0 : 1);
    expect(alive).toBe(true);
  });

  it('a frame of 1 MB over the limit closes the socket with 1009, and the server serves the next socket', async () => {
    const { probe } = await openSession();
    probe.send(JSON.stringify({ action: 'user_message', message: 'a'.repeat(1024 * 1024) }));
    const code = await probe.closed();
    const next = await openSession();
    next.probe.close();
    log.record('frame: 1 MB', { expected: 'close 1009', got: `close ${String(code)}`, serverError: false });
    expect(code).toBe(1009);
  });
});
