/**
 * Property-based fuzzing of the dialogue service's REST API (fast-check): 10,000 generated requests through
 * `app.inject()` and 1,000 more over real HTTP, against the app with a real NLU in-process and the SQLite store.
 * Every answer is below 500 and, when an error, a registered `{error: {code, message}}` with its documented status;
 * afterwards the service still answers, and every session of the pool holds exactly the history its answers imply.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ERROR_CODES } from '@parley/domain';
import { createSessionStore } from '@parley/session-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';
import { createFixtureBot } from '@parley/testkit/services/fixture-bot';
import { CaseLog } from '@parley/testkit/reliability/case-log';
import { HistoryModel, type HistoryEntry, type TurnKind } from '@parley/testkit/reliability/history-model';
import { fuzzRequest, type FuzzRequest } from '@parley/testkit/reliability/rest-arbitraries';
import { fuzzSeed } from '@parley/testkit/reliability/fuzz-seed';

const INJECTED_RUNS = 10_000;
const HTTP_RUNS = 1_000;
const POOL_SIZE = 24;

const log = new CaseLog('fuzz-rest', 'fuzz');
const model = new HistoryModel();
const pool: string[] = [];
const problems: string[] = [];
let harness: DialogueTestApp;
let baseUrl: string;
let directory: string;

interface Answer {
  status: number;
  body: unknown;
}

beforeAll(async () => {
  // tmpfs when there is one: the fuzzer measures the service, not the disk's fsync.
  directory = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'parley-fuzz-'));
  const store = createSessionStore({ kind: 'sqlite', path: join(directory, 'sessions.db') });
  harness = await startDialogueTestApp(createFixtureBot(), {
    store,
    env: { PARLEY_MAX_TEXT_LENGTH: '2000', PARLEY_BODY_LIMIT_BYTES: '65536', PARLEY_HISTORY_WINDOW: '20' },
  });
  baseUrl = await harness.app.listen({ host: '127.0.0.1', port: 0 });
  for (let index = 0; index < POOL_SIZE; index += 1) pool.push(await createSession(`fuzz-${index}`));
});
afterAll(async () => {
  log.write();
  await harness?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

async function createSession(id: string): Promise<string> {
  const response = await harness.app.inject({ method: 'POST', url: '/v1/sessions', payload: { id } });
  expect(response.statusCode).toBe(201);
  model.created(id, (response.json() as { replies: unknown[] }).replies.length);
  return id;
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

async function send(request: FuzzRequest, url: string, http: boolean): Promise<Answer> {
  const headers = request.contentType === undefined ? undefined : { 'content-type': request.contentType };
  if (!http) {
    const response = await harness.app.inject({
      method: request.method,
      url,
      ...(headers ? { headers } : {}),
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    return { status: response.statusCode, body: parse(response.body) };
  }
  const response = await fetch(`${baseUrl}${url}`, {
    method: request.method,
    ...(headers ? { headers } : {}),
    ...(request.payload === undefined ? {} : { body: request.payload }),
  });
  return { status: response.status, body: parse(await response.text()) };
}

/** The stateless properties: no 5xx, and every error a registered code with its documented status. */
function answerProblems(answer: Answer): string[] {
  if (answer.status >= 500) return [`${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`];
  if (answer.status < 400) return [];
  const error = (answer.body as { error?: { code?: string; message?: unknown } } | undefined)?.error;
  const spec = error?.code === undefined ? undefined : ERROR_CODES[error.code as keyof typeof ERROR_CODES];
  if (!spec || typeof error?.message !== 'string') return [`malformed error body ${JSON.stringify(answer.body).slice(0, 200)}`];
  return spec.http === answer.status ? [] : [`${error.code} with status ${answer.status}, documented ${spec.http}`];
}

const SESSION_ROUTE = /^\/v1\/sessions\/([^/?]+)(?:\/(messages|files|events|reset|history))?(?:\?.*)?$/;

/** Folds an answer about a pool session into the model, and notes answers the model contradicts. */
async function observe(request: FuzzRequest, id: string, url: string, answer: Answer): Promise<void> {
  const match = SESSION_ROUTE.exec(url);
  if (!match || match[1] !== id || !model.tracks(id)) return;
  const action = match[2];
  const ok = answer.status < 300;
  const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
  if ((model.exists(id) && code === 'SESSION_NOT_FOUND') || (!model.exists(id) && ok)) {
    problems.push(`${request.method} ${url}: ${answer.status} for a session that ${model.exists(id) ? 'exists' : 'was deleted'}`);
  }
  if (!ok) return;
  const replies = ((answer.body as { replies?: unknown[] } | undefined)?.replies ?? []).length;
  if (request.method === 'DELETE') {
    model.deleted(id);
    await createSession(id); // keeps the pool alive
  } else if (action === 'reset') {
    model.reset(id, replies);
  } else if (action === 'messages' || action === 'files' || action === 'events') {
    const body = parse(String(request.payload)) as { text?: string; messageId?: string };
    const kind: TurnKind = action === 'messages' ? 'message' : action === 'files' ? 'file' : 'event';
    model.turned(
      id,
      {
        kind,
        ...(body.text === undefined ? {} : { text: body.text }),
        ...(body.messageId === undefined ? {} : { messageId: body.messageId }),
      },
      replies,
    );
  }
}

async function fullHistory(id: string): Promise<{ entries: HistoryEntry[]; total: number }> {
  const entries: HistoryEntry[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = (await harness.app.inject({ method: 'GET', url: `/v1/sessions/${id}/history?offset=${offset}&limit=500` })).json() as {
      entries: HistoryEntry[];
      total: number;
    };
    entries.push(...page.entries);
    if (page.entries.length < 500) return { entries, total: page.total };
  }
}

/** PARLEY_FUZZ_SEED replays a run (each summary records its seeds). */
const BASE_SEED = fuzzSeed();

async function fuzz(runs: number, http: boolean): Promise<void> {
  const seed = BASE_SEED ^ (http ? 0x5eed : 0);
  log.count(http ? 'seed (real HTTP)' : 'seed (inject)', seed);
  const details = await fc.check(
    fc.asyncProperty(fuzzRequest, async (request) => {
      const id = pool[request.session % pool.length] ?? 'none';
      const url = request.url.replace('{session}', id);
      const answer = await send(request, url, http);
      const found = answerProblems(answer);
      log.generatedRequest(String(answer.status), found.length > 0);
      if (http) log.count('over real HTTP');
      await observe(request, id, url, answer);
      if (found.length > 0) throw new Error(`${request.method} ${url} ${String(request.payload).slice(0, 200)} → ${found.join('; ')}`);
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  expect(details.failed ? fc.defaultReportMessage(details) : undefined).toBeUndefined();
}

describe('REST fuzzing', () => {
  it(`${INJECTED_RUNS} generated requests through app.inject: no 5xx, every error registered`, () => fuzz(INJECTED_RUNS, false), 180_000);

  it(`${HTTP_RUNS} generated requests over real HTTP: no 5xx, every error registered`, () => fuzz(HTTP_RUNS, true), 120_000);

  it('the service still answers, and every pool session holds the history its answers imply', async () => {
    const health = (await fetch(`${baseUrl}/health`)).status;
    const answer = await harness.app.inject({ method: 'POST', url: `/v1/sessions/${pool[0] ?? ''}/messages`, payload: { text: 'hello' } });
    log.count('crashes', health === 200 && answer.statusCode === 200 ? 0 : 1);
    expect([health, answer.statusCode]).toEqual([200, 200]);
    model.turned(pool[0] ?? '', { kind: 'message', text: 'hello' }, (answer.json() as { replies: unknown[] }).replies.length);
    for (const id of model.ids()) {
      const { entries, total } = await fullHistory(id);
      problems.push(...model.check(id, entries, total));
    }
    log.count('pool sessions checked', model.ids().length);
    log.count('consistency problems', problems.length);
    expect(problems.slice(0, 20)).toEqual([]);
  });
});
