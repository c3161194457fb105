/**
 * A dialogue service that has started before its bot's model is ready (here: the NLU is not up yet, as after a
 * restart of both) answers what needs no model, and answers messages and /ready with 503 SERVICE_STARTING and a
 * Retry-After — not NLU_UNAVAILABLE, which would send an operator looking for an NLU outage that is not happening.
 * Once the NLU comes up, the service trains its bot, becomes ready and answers the same message.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../bench/lib/free-port.mjs';
import { describeWithServer } from '@parley/testkit/session-store/server-gate';
import { killAllServices, missingBuild, startNluProcess, startService } from '@parley/testkit/services/service-process';

afterAll(killAllServices);

describeWithServer('a dialogue service starting before its model is ready', 'the built services', missingBuild(), () => {
  it('answers 503 SERVICE_STARTING with Retry-After until the model is ready, then the same message', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'parley-start-up-'));
    try {
      const nluPort = await freePort();
      const dialogue = startService('dialogue', join(__dirname, '../services/dialogue/dist/main.js'), {
        PARLEY_HTTP_HOST: '127.0.0.1',
        PARLEY_HTTP_PORT: '0',
        PARLEY_NLU_ADDRESS: `127.0.0.1:${nluPort}`,
        PARLEY_STORE: 'memory',
      });
      const [, url] = await dialogue.waitFor(/dialogue service listening on (http:\/\/\S+)/);
      const post = (path: string, body: object) =>
        fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

      const created = await post('/v1/sessions', { id: 'early' });
      expect(created.status).toBe(201);
      const message = { text: 'weather in BCN', messageId: 'm1' };
      const early = await post('/v1/sessions/early/messages', message);
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await early.json()).toEqual({ error: { code: 'SERVICE_STARTING', message: expect.stringMatching(/starting/) } });
      const ready = await fetch(`${url}/ready`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('SERVICE_STARTING');

      await startNluProcess(join(directory, 'models'), { PARLEY_NLU_PORT: String(nluPort) });
      await dialogue.waitFor(/dialogue service ready/, 60_000);
      expect((await fetch(`${url}/ready`)).status).toBe(200);
      const answered = await post('/v1/sessions/early/messages', message);
      expect(answered.status).toBe(200);
      expect(((await answered.json()) as { prediction: { intent: string } }).prediction.intent).toBe('weather_intent');
    } finally {
      await killAllServices();
      await rm(directory, { recursive: true, force: true });
    }
  }, 120_000);
});
