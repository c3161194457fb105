/**
 * One request id from the dialogue service's edge to the NLU's log: a REST call's X-Request-ID (or the id the
 * service generated for it) and each WebSocket frame's id (the upgrade's X-Request-ID plus the frame's number)
 * reach a real NLU gRPC server with each prediction (PredictStream's request_id), and its log lines for those carry them —
 * at debug level only, never one info line per call.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WsProbe } from '@parley/testkit/reliability/ws-probe';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';

interface LogLine {
  level: number;
  method?: string;
  requestId?: string;
}

describe('request id from the dialogue service into the NLU', () => {
  const lines: LogLine[] = [];
  let harness: DialogueTestApp;
  let wsUrl: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as LogLine);
        done();
      },
    });
    harness = await startDialogueTestApp(createFixtureBot(), { nluLogger: pino({ level: 'debug' }, sink) });
    const address = await harness.app.listen({ host: '127.0.0.1', port: 0 });
    wsUrl = `${address.replace(/^http/, 'ws')}/v1/ws`;
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    lines.length = 0;
  });

  const predictIds = (): Array<string | undefined> => lines.filter((line) => line.method === 'PredictStream').map((line) => line.requestId);

  it("carries a REST call's X-Request-ID to the NLU's Predict", async () => {
    await harness.app.inject({ method: 'POST', url: '/v1/sessions', payload: { id: 'traced' } });
    const response = await harness.app.inject({
      method: 'POST',
      url: '/v1/sessions/traced/messages',
      headers: { 'x-request-id': 'trace-rest-42' },
      payload: { text: 'hello' },
    });
    expect(response.statusCode).toBe(200);
    expect(predictIds()).toContain('trace-rest-42');
    expect(predictIds().every((id) => id === 'trace-rest-42')).toBe(true);
    expect(lines.filter((line) => line.method === 'PredictStream').every((line) => line.level === 20)).toBe(true);
  });

  it('carries the id the service generated when the client sent none', async () => {
    const response = await harness.app.inject({ method: 'POST', url: '/v1/sessions/traced/messages', payload: { text: 'weather in BCN' } });
    expect(response.statusCode).toBe(200);
    const generated = response.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(predictIds()).toContain(generated);
  });

  it("carries each WebSocket frame's id: the upgrade's X-Request-ID and the frame's number", async () => {
    const probe = await WsProbe.open(wsUrl, { 'x-request-id': 'trace-ws' });
    try {
      await probe.until('session');
      probe.send(JSON.stringify({ action: 'user_message', message: 'hello' }));
      await probe.until('bot_reply_options');
      probe.send(JSON.stringify({ action: 'user_message', message: 'weather in LUX' }));
      await probe.until('bot_reply_str');
      expect(new Set(predictIds())).toEqual(new Set(['trace-ws:1', 'trace-ws:2']));
    } finally {
      probe.close();
    }
  });
});
