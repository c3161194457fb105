/**
 * Runs one REST bad-input case against a dialogue app through `app.inject()`: gives the case a session of its own,
 * sends the request, and lists every way the answer differs from the case's expectation — status, registered
 * code, the message naming the field, the error body's shape, and for refused requests that the session is
 * exactly as it was.
 */
import { ERROR_CODES } from '@parley/domain';
import type { FastifyInstance } from 'fastify';
import type { CaseOutcome } from './case-log';
import type { RestCase } from './rest-cases';

export interface RestCaseResult extends CaseOutcome {
  problems: string[];
}

let sessions = 0;

export async function runRestCase(app: FastifyInstance, testCase: RestCase): Promise<RestCaseResult> {
  const id = testCase.url.includes('{id}') ? await newSession(app, testCase.session) : undefined;
  const before = id === undefined ? undefined : await sessionState(app, id);
  const response = await app.inject({
    method: testCase.method,
    url: id === undefined ? testCase.url : testCase.url.replace('{id}', id),
    ...(testCase.headers ? { headers: testCase.headers } : {}),
    ...(testCase.payload === undefined ? {} : { payload: testCase.payload }),
  });
  const problems: string[] = [];
  const expect = testCase.expect;
  const body = parse(response.body);
  const code = errorCode(body);
  const got = `${response.statusCode}${code ? ` ${code}` : ''}`;
  const expected = 'code' in expect ? `${expect.status} ${expect.code}` : `${expect.status}`;
  if (got !== expected) problems.push(`expected ${expected}, got ${got}: ${response.body.slice(0, 300)}`);
  if (response.statusCode >= 400) problems.push(...errorBodyProblems(body));
  if ('field' in expect && code !== undefined) {
    const message = (body as { error: { message: string } }).error.message;
    if (!message.includes(expect.field)) problems.push(`the message does not name "${expect.field}": ${message}`);
  }
  if (id !== undefined && before !== undefined) {
    const after = await sessionState(app, id);
    if ('code' in expect && after !== undefined && JSON.stringify(after) !== JSON.stringify(before)) {
      problems.push(
        `the refused request changed the session: ${JSON.stringify(before).slice(0, 200)} → ${JSON.stringify(after).slice(0, 200)}`,
      );
    }
    if ('echo' in expect && expect.echo !== undefined && after?.lastUserText !== expect.echo) {
      problems.push(`the history does not hold the text as sent: ${JSON.stringify(after?.lastUserText)?.slice(0, 100)}`);
    }
  }
  return { expected, got, serverError: response.statusCode >= 500, problems };
}

export async function newSession(app: FastifyInstance, given?: string): Promise<string> {
  sessions += 1;
  const id = given ?? `case-${process.pid}-${sessions}`;
  const response = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { id } });
  if (response.statusCode !== 201) throw new Error(`could not create session ${id}: ${response.statusCode} ${response.body}`);
  return id;
}

/** What a refused request must leave alone: state, variables, recent history and the history's length. */
async function sessionState(
  app: FastifyInstance,
  id: string,
): Promise<{ view: unknown; total: number; lastUserText: string | undefined } | undefined> {
  const view = await app.inject({ method: 'GET', url: `/v1/sessions/${id}` });
  if (view.statusCode === 404) return undefined;
  const history = await app.inject({ method: 'GET', url: `/v1/sessions/${id}/history?limit=500` });
  const page = history.json() as { total: number; entries: Array<{ sender: number; text: string; content: unknown }> };
  // `content` keeps a user's text exactly; `text` is its plain rendering (PostgreSQL's has U+FFFD for a NUL).
  const lastUser = page.entries.filter((entry) => entry.sender === 1).at(-1);
  return { view: view.json(), total: page.total, lastUserText: typeof lastUser?.content === 'string' ? lastUser.content : lastUser?.text };
}

function errorBodyProblems(body: unknown): string[] {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!error || typeof error.message !== 'string' || Object.keys(body as object).length !== 1) {
    return [`the error body is not {error: {code, message}}: ${JSON.stringify(body)?.slice(0, 200)}`];
  }
  if (typeof error.code !== 'string' || !(error.code in ERROR_CODES)) return [`unregistered error code ${String(error.code)}`];
  return [];
}

function errorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
