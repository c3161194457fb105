/**
 * The audit as data you can query: GET /v1/audit behind the API key (filters, paging, errors naming the field,
 * rows that outlive their session) after real traffic through the dialogue service and a real NLU, and
 * `parley audit export`, the CLI reading the same route over HTTP, to JSON Lines and CSV.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { runCli } from '../services/nlu/src/cli/run-cli';
import type { CliConfig } from '../services/nlu/src/config';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';

const KEY = 'audit-test-key-00000001';
const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

interface Row {
  id: number;
  sessionId: string;
  kind: string;
  at: string;
  state?: string;
  intent?: string;
  score?: number;
  fallbackReason?: string;
  data: Record<string, unknown>;
}

describe('the audit over REST and the CLI (real NLU, memory store)', () => {
  let harness: DialogueTestApp;
  let baseUrl: string;
  const directory = mkdtempSync(join(tmpdir(), 'parley-audit-'));
  const inject = (options: InjectOptions) =>
    harness.app.inject({ ...options, headers: { authorization: `Bearer ${KEY}`, ...options.headers } });
  const audit = async (query: string): Promise<{ rows: Row[]; nextCursor?: string }> => {
    const response = await inject({ method: 'GET', url: `/v1/audit?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const cli = async (argv: string[], config: Partial<CliConfig> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const full: CliConfig = {
      nluAddress: 'unused:1',
      modelStore: { kind: 'directory', dir: directory },
      dialogueUrl: baseUrl,
      dialogueApiKey: KEY,
      ...config,
    };
    const code = await runCli(argv, full, {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  };

  beforeAll(async () => {
    harness = await startDialogueTestApp(createFixtureBot('audit_bot'), { env: { PARLEY_API_KEYS: KEY } });
    const post = async (url: string, payload?: object): Promise<void> => {
      const response = await inject({ method: 'POST', url, ...(payload ? { payload } : {}) });
      expect(response.statusCode, response.body).toBeLessThan(300);
    };
    await post('/v1/sessions', { id: 'a1' });
    await post('/v1/sessions/a1/messages', { text: 'hello' });
    await post('/v1/sessions/a1/messages', { text: 'weather in barna' });
    await post('/v1/sessions/a1/messages', { text: '=1+1, zebra "quantum" spaghetti' });
    await post('/v1/sessions/a1/files', { name: 'cat.png', type: 'image/png', base64: PNG });
    await post('/v1/sessions', { id: 'a2' });
    await post('/v1/sessions/a2/messages', { text: 'hi' });
    expect((await inject({ method: 'DELETE', url: '/v1/sessions/a1' })).statusCode).toBe(204);
    baseUrl = await harness.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers 401 without the API key', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/v1/audit' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the audit of a deleted session, newest first, with the filter fields filled', async () => {
    const { rows } = await audit('sessionId=a1&limit=100');
    expect(rows.map((row) => row.kind)).toEqual([
      'transition', // file_state → idle
      'transition', // idle → file_state
      'prediction', // the fallback
      'transition', // weather_state → idle
      'transition', // hello_state → weather_state
      'prediction', // weather in barna
      'transition', // idle → hello_state
      'prediction', // hello
      'session', // created
    ]);
    const hello = rows[7] as Row;
    expect(hello).toMatchObject({
      sessionId: 'a1',
      state: 'idle',
      intent: 'hello_intent',
      fallbackReason: 'NONE',
      data: { text: 'hello' },
    });
    expect(hello.score).toBe(hello.data['score']);
    const fallback = rows[2] as Row;
    expect(fallback).toMatchObject({ intent: 'fallback_intent', state: 'idle', data: { text: '=1+1, zebra "quantum" spaghetti' } });
    expect(fallback.fallbackReason).not.toBe('NONE');
    // A fallback's own score is 1 (BBF); the row keeps the best intent's, which says how unsure the classifier was.
    const ranking = fallback.data['ranking'] as Array<{ score: number }>;
    expect(ranking.length).toBeGreaterThan(0);
    expect(fallback.score).toBe(ranking[0]?.score);
    expect(fallback.score).toBeLessThan(1);
    expect(rows[0]).toMatchObject({ kind: 'transition', state: 'file_state', data: { source: 'file_state', dest: 'idle' } });
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  });

  it('filters by intent, state, kind, fallback reason, score and time, alone and together', async () => {
    expect((await audit('intent=hello_intent')).rows.map((row) => row.sessionId)).toEqual(['a2', 'a1']);
    expect((await audit('intent=fallback_intent')).rows.map((row) => row.data['text'])).toEqual(['=1+1, zebra "quantum" spaghetti']);
    expect((await audit('state=hello_state&kind=transition')).rows.map((row) => row.data['dest'])).toEqual(['weather_state']);
    expect((await audit('fallbackReason=NONE&sessionId=a2')).rows).toHaveLength(1);
    const confident = (await audit('kind=prediction&minScore=0.9')).rows;
    expect(confident.length).toBeGreaterThan(0);
    for (const row of confident) expect(row.score).toBeGreaterThanOrEqual(0.9);
    expect((await audit(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).rows).toEqual([]);
    const everything = (await audit('limit=1000')).rows;
    const first = everything.at(-1) as Row;
    const until = (await audit(`to=${encodeURIComponent(new Date(Date.parse(first.at) + 1).toISOString())}&limit=1000`)).rows;
    expect(until.every((row) => row.at === first.at)).toBe(true);
  });

  it('pages with nextCursor through exactly the rows of one big page', async () => {
    const whole = await audit('limit=1000');
    expect(whole.nextCursor).toBeUndefined();
    const paged: Row[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit(`limit=4${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      expect(page.rows.length).toBeLessThanOrEqual(4);
      paged.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(paged).toEqual(whole.rows);
  });

  it.each([
    ['limit=0', /^limit: must be >= 1/],
    ['limit=1001', /^limit: must be <= 1000/],
    ['minScore=2', /^minScore: must be <= 1/],
    ['minScore=abc', /^minScore: must be number/],
    ['minScore=0.8&maxScore=0.2', /^minScore must not be greater than maxScore/],
    ['from=yesterday', /^from must be an ISO-8601 date-time with a time zone/],
    ['to=2030-01-01T00:00:00', /^to must be an ISO-8601 date-time with a time zone/],
    ['cursor=nope', /^cursor must be the nextCursor of a previous page/],
    ['kind=other', /^kind: must be equal to one of the allowed values/],
    ['sessionId=bad%20id', /^sessionId: must match pattern/],
    ['page=2', /^page: is not a known field/],
  ])('answers 400 for %s, naming the field', async (query, message) => {
    const response = await inject({ method: 'GET', url: `/v1/audit?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) } });
  });

  it('documents the route in OpenAPI', async () => {
    const document = (await harness.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const parameters = (document.paths['/v1/audit'].get.parameters as Array<{ name: string; in: string }>).map((p) => p.name);
    expect(parameters.sort()).toEqual([
      'cursor',
      'fallbackReason',
      'from',
      'intent',
      'kind',
      'limit',
      'maxScore',
      'minScore',
      'sessionId',
      'state',
      'to',
    ]);
    expect(document.paths['/v1/audit'].get.responses['200'].content['application/json'].schema.properties.rows.items.required).toEqual([
      'id',
      'sessionId',
      'kind',
      'at',
      'data',
    ]);
  });

  it('exports the same rows as JSON Lines, over HTTP, with the filters of the route', async () => {
    const { rows } = await audit('sessionId=a1&limit=1000');
    const exported = await cli(['audit', 'export', '--session', 'a1']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(
      exported.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(rows);
    expect(exported.stderr).toBe(`${rows.length} audit rows exported\n`);
    const few = await cli(['audit', 'export', '--intent', 'hello_intent', '--max-rows', '1']);
    expect(
      few.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).sessionId),
    ).toEqual(['a2']);
  });

  it('exports CSV to a file, quoting and defusing what a spreadsheet would run', async () => {
    const out = join(directory, 'audit.csv');
    const exported = await cli(['audit', 'export', '--format', 'csv', '--out', out, '--intent', 'fallback_intent']);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,at,sessionId,kind,state,intent,score,fallbackReason,text,data');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,a1,prediction,idle,fallback_intent,`);
    expect(lines[1]).toContain(`,"'=1+1, zebra ""quantum"" spaghetti",`);
  });

  it('says what is wrong: a bad filter, a missing key, a dialogue service that does not answer, a bad command', async () => {
    expect(await cli(['audit', 'export', '--min-score', '5'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/minScore: must be <= 1/),
    });
    const noKey = await cli(['audit', 'export'], { dialogueApiKey: undefined });
    expect(noKey).toMatchObject({ code: 1, stderr: expect.stringContaining('PARLEY_DIALOGUE_API_KEY') });
    const down = await cli(['audit', 'export'], { dialogueUrl: 'http://127.0.0.1:1' });
    expect(down).toMatchObject({ code: 1, stderr: expect.stringContaining('did not answer') });
    expect(await cli(['audit', 'import'])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: parley audit export') });
    expect(await cli(['audit', 'export', '--format', 'xml'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be jsonl or csv'),
    });
  });
});
