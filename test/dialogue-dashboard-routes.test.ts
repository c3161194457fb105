/**
 * The dashboard's routes on the real app (a real NLU server, the fixture bot, the memory store): GET /v1/dashboard
 * summarises the turns just taken, bad windows are 400s whose message starts with the field, and POST /v1/training-phrases writes the
 * definition file, or answers a TypeScript snippet for a bot without one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { runParley } from '@parley/testkit/services/run-parley';
import { DefinitionFile } from '../services/dialogue/src/bot/definition-file';

describe('dashboard routes', () => {
  let dir = '';
  let path = '';
  let withFile: DialogueTestApp;
  let withoutFile: DialogueTestApp;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-dashboard-routes-'));
    path = join(dir, 'bot.json');
    await writeFile(path, '{"intents": []}');
    withFile = await startDialogueTestApp(createFixtureBot(), { definitionFile: new DefinitionFile(path) });
    withoutFile = await startDialogueTestApp(createFixtureBot());
  }, 60_000);
  afterAll(async () => {
    await withFile?.close();
    await withoutFile?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('summarises the turns of the window, with the bot graph and its intents', async () => {
    const { app } = withFile;
    const session = (await app.inject({ method: 'POST', url: '/v1/sessions', payload: {} })).json<{ id: string }>();
    for (const text of ['hello', 'weather in BCN', 'zzzz qqqq']) {
      await app.inject({ method: 'POST', url: `/v1/sessions/${session.id}/messages`, payload: { text } });
    }
    const answer = await app.inject({ method: 'GET', url: '/v1/dashboard' });
    expect(answer.statusCode).toBe(200);
    const data = answer.json<Record<string, any>>();
    expect(data).toMatchObject({
      bot: 'fixture_bot',
      intentNames: ['hello_intent', 'weather_intent'],
      labels: 'definition-file',
      truncated: false,
    });
    expect(data['fallback']).toMatchObject({ messages: 3, fallbacks: 1 });
    expect(data['intents']).toEqual(
      expect.arrayContaining([
        { intent: 'hello_intent', count: 1 },
        { intent: 'weather_intent', count: 1 },
      ]),
    );
    expect(data['graph'].states.map((state: { name: string }) => state.name)).toEqual([
      'idle',
      'hello_state',
      'weather_state',
      'file_state',
      'ping_state',
    ]);
    expect(data['graph'].edges).toEqual(
      expect.arrayContaining([
        { source: 'idle', dest: 'hello_state', count: 1, declared: true },
        { source: 'hello_state', dest: 'weather_state', count: 1, declared: true },
        { source: 'idle', dest: 'file_state', count: 0, declared: true },
      ]),
    );
    expect(data['recent'].map((message: { text: string }) => message.text)).toContain('zzzz qqqq');
  });

  it('refuses a bad window with a 400 naming the field', async () => {
    const { app } = withFile;
    const bad = async (query: string) => (await app.inject({ method: 'GET', url: `/v1/dashboard?${query}` })).json<Record<string, any>>();
    expect((await bad('from=yesterday')).error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^from\b/) });
    expect((await bad('from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z')).error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/^from\b/),
    });
    expect((await bad('lowConfidence=2')).error).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('writes labelled phrases into the definition file, or answers them as TypeScript', async () => {
    const post = (test: DialogueTestApp, payload: unknown) =>
      test.app.inject({ method: 'POST', url: '/v1/training-phrases', payload: payload as object });
    const written = await post(withFile, { intent: 'hello_intent', texts: ['zzzz qqqq', ' howdy ', 'zzzz qqqq'] });
    expect(written.json()).toEqual({ intent: 'hello_intent', added: ['zzzz qqqq', 'howdy'], file: path });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      intents: [{ name: 'hello_intent', trainingSentences: ['zzzz qqqq', 'howdy'] }],
    });
    const snippet = await post(withoutFile, { intent: 'weather_intent', texts: ['forecast for CITY'] });
    expect(snippet.json()).toEqual({
      intent: 'weather_intent',
      added: ['forecast for CITY'],
      snippet: '// add to bot.newIntent("weather_intent", [...]):\n"forecast for CITY",',
    });
    expect((await post(withFile, { intent: 'dance_intent', texts: ['x'] })).json().error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/^intent\b/),
    });
    expect((await post(withFile, { intent: 'hello_intent', texts: ['  '] })).json().error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/^texts\b/),
    });
    expect((await post(withFile, { intent: 'hello_intent', texts: [] })).statusCode).toBe(400);
  });

  it('parley label: messages chosen by audit filters become phrases of an intent, through the service', async () => {
    const url = await withFile.app.listen({ host: '127.0.0.1', port: 0 });
    const config = { nluAddress: '127.0.0.1:1', modelStore: { kind: 'directory' as const, dir }, dialogueUrl: url };
    const { id } = (await withFile.app.inject({ method: 'POST', url: '/v1/sessions', payload: {} })).json<{ id: string }>();
    for (const text of ['qwerty uiop', 'hello', 'qwerty uiop']) {
      await withFile.app.inject({ method: 'POST', url: `/v1/sessions/${id}/messages`, payload: { text } });
    }
    const printed = await runParley(['label', '--print', '--session', id, '--intent', 'fallback_intent'], config);
    expect(printed).toMatchObject({ code: 0, stdout: '"qwerty uiop"\n' });
    const labelled = await runParley(['label', '--as', 'weather_intent', '--session', id, '--intent', 'fallback_intent'], config);
    expect(labelled).toMatchObject({ code: 0, stderr: expect.stringContaining(`1 phrase(s) added to weather_intent in ${path}`) });
    expect(JSON.parse(await readFile(path, 'utf8')).intents).toContainEqual({ name: 'weather_intent', trainingSentences: ['qwerty uiop'] });
    expect(await runParley(['label', '--session', id], config)).toMatchObject({ code: 2, stderr: expect.stringContaining('--as INTENT') });
    expect(await runParley(['label', '--as', 'dance_intent', '--session', id], config)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is not an intent of the bot'),
    });
  });
});
