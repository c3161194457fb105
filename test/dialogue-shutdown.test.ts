/**
 * Graceful shutdown of the built dialogue service: on SIGTERM it answers /ready with 503 SHUTTING_DOWN at once,
 * keeps serving requests for PARLEY_SHUTDOWN_DELAY_MS, then closes every WebSocket with 1012 and a JSON reconnect
 * hint, stops accepting connections and exits 0.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServer } from '@parley/testkit/session-store/server-gate';
import { WsProbe } from '@parley/testkit/reliability/ws-probe';
import { RestClient } from '@parley/testkit/services/rest-client';
import { killAllServices, missingBuild, startDialogueProcess, startNluProcess } from '@parley/testkit/services/service-process';

const DELAY_MS = 3_000;

afterAll(killAllServices);

describeWithServer('dialogue service shutdown', 'the built services', missingBuild(), () => {
  let directory: string;
  let nluAddress: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'parley-shutdown-'));
    nluAddress = (await startNluProcess(join(directory, 'models'))).address;
  });
  afterAll(async () => {
    await killAllServices();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('is not ready at once, serves through the delay, closes sockets with a reconnect hint and exits 0', async () => {
    const dialogue = await startDialogueProcess({
      PARLEY_STORE: 'memory',
      PARLEY_NLU_ADDRESS: nluAddress,
      PARLEY_BOT: 'weather',
      PARLEY_SHUTDOWN_DELAY_MS: String(DELAY_MS),
    });
    const api = new RestClient(dialogue.url);
    const { id } = await api.post('/v1/sessions', {}, 201);
    const socket = await WsProbe.open(`${dialogue.url.replace(/^http/, 'ws')}/v1/ws?session_id=${id}`);
    expect((await socket.until('session')).frame.message).toMatchObject({ id, resumed: true });

    const signalled = Date.now();
    dialogue.process.child.kill('SIGTERM');
    const ready = await notReady(dialogue.url);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', error: { code: 'SHUTTING_DOWN' } });

    // Still serving while load balancers notice: a turn, over REST and over the socket.
    const answer = await api.post(`/v1/sessions/${id}/messages`, { text: 'weather in BCN', messageId: 'during-drain' });
    expect(answer.replies[0].content).toContain('Barcelona');
    socket.send(JSON.stringify({ action: 'user_message', message: 'weather in LUX' }));
    // The socket also gets the REST turn's replies (every socket of a session does): the LUX answer follows them.
    const replies: unknown[] = [];
    while (!String(replies.at(-1)).includes('Luxembourg')) replies.push((await socket.until('bot_reply_str')).frame.message);
    expect(String(replies[0])).toContain('Barcelona');
    expect(Date.now() - signalled).toBeLessThan(DELAY_MS);

    expect(await socket.closed(DELAY_MS + 5_000)).toBe(1012);
    expect(JSON.parse(socket.closeReason ?? '')).toEqual({ reconnect: true, retryAfterMs: 500 });
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(DELAY_MS);
    expect(await dialogue.process.stop('SIGTERM')).toBe(0);
    await expect(fetch(`${dialogue.url}/health`)).rejects.toThrow();
  }, 60_000);
});

/** /ready's first non-200 answer (the signal takes a moment to arrive). */
async function notReady(url: string): Promise<Response> {
  for (;;) {
    const response = await fetch(`${url}/ready`);
    if (response.status !== 200) return response;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
