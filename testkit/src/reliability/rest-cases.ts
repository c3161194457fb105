/**
 * The REST bad-input matrix as data: every route of the dialogue service crossed with missing, extra and wrongly
 * typed fields, malformed and oddly encoded bodies, wrong content types, sizes at and over the limits, unknown and
 * malformed session ids, bad paging and unknown routes. Each case names the answer docs/errors.md documents.
 */
import type { ErrorCode } from '@parley/domain';
import {
  BAD_MESSAGE_IDS,
  BLANK_TEXTS,
  INVALID_UTF8,
  LONE_SURROGATES,
  NUL_TEXTS,
  MALFORMED_JSON,
  manyKeys,
  nested,
  ODD_TEXTS,
  utf8Body,
  WRONG_TYPES,
} from './bad-values';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';

/** An error answer: status, registered code, and the field its message must name. */
export interface Refusal {
  status: number;
  code: ErrorCode;
  field: string;
}

/** An accepted request; `echo` is the user row the session's history must then end its user rows with. */
export interface Acceptance {
  status: 200 | 201 | 204;
  echo?: string;
}

export interface RestCase {
  name: string;
  method: HttpMethod;
  /** `{id}` stands for a session created for this case alone… */
  url: string;
  /** …with this id, when given (else a generated one). */
  session?: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  expect: Refusal | Acceptance;
}

/** The limits the matrix runs under: the production defaults. */
export const REST_LIMITS = { maxTextLength: 2000, bodyLimitBytes: 1024 * 1024 } as const;

const JSON_TYPE = { 'content-type': 'application/json' };
const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

const refuse = (status: number, code: ErrorCode, field: string): Refusal => ({ status, code, field });
const invalid = (field: string): Refusal => refuse(400, 'INVALID_ARGUMENT', field);

interface BodyRoute {
  route: string;
  url: string;
  valid: Record<string, unknown>;
  required: string[];
  /** Fields whose type is string. */
  strings: string[];
  ok: 200 | 201;
}

const BODY_ROUTES: BodyRoute[] = [
  { route: 'create', url: '/v1/sessions', valid: {}, required: [], strings: ['id'], ok: 201 },
  {
    route: 'message',
    url: '/v1/sessions/{id}/messages',
    valid: { text: 'hello', messageId: 'm-1' },
    required: ['text'],
    strings: ['text', 'messageId'],
    ok: 200,
  },
  {
    route: 'file',
    url: '/v1/sessions/{id}/files',
    valid: { name: 'a.png', type: 'image/png', base64: PNG, messageId: 'f-1' },
    required: ['name', 'type', 'base64'],
    strings: ['name', 'type', 'base64', 'messageId'],
    ok: 200,
  },
  {
    route: 'event',
    url: '/v1/sessions/{id}/events',
    valid: { name: 'ping', params: {}, messageId: 'e-1' },
    required: ['name'],
    strings: ['name', 'messageId'],
    ok: 200,
  },
];

/** Where a raw JSON fragment goes into a body built with JSON.stringify. */
const HOLE = '@@hole@@';

const NOT_OBJECTS = ['[]', '"text"', '5', 'true', 'null', '[{"text":"hello"}]'];

const WRONG_MEDIA_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/vnd.api+json',
  'text/json',
  'image/png',
  'application/jsonx',
];

const RIGHT_MEDIA_TYPES = ['application/json; charset=utf-8', 'Application/JSON'];

function bodyCases(route: BodyRoute): RestCase[] {
  const post = (
    name: string,
    payload: string | Buffer,
    expect: Refusal | Acceptance,
    headers: Record<string, string> = JSON_TYPE,
  ): RestCase => ({
    name: `${route.route}: ${name}`,
    method: 'POST',
    url: route.url,
    headers,
    payload,
    expect,
  });
  const body = (fields: Record<string, unknown>): string => JSON.stringify(fields);
  const valid = body(route.valid);
  return [
    ...route.required.map((field) => post(`missing ${field}`, body(without(route.valid, field)), invalid(field))),
    ...['extra', 'Text', 'text ', 'ID', '$where'].map((field) =>
      post(`extra field "${field}"`, body({ ...route.valid, [field]: 'x' }), invalid(field)),
    ),
    post('__proto__ key (prototype poisoning)', `{"__proto__":{"admin":true},${valid.slice(1)}`, invalid('body')),
    post('constructor.prototype key', `{"constructor":{"prototype":{"admin":true}},${valid.slice(1)}`, invalid('body')),
    ...route.strings.flatMap((field) =>
      WRONG_TYPES.map(([type, value]) => post(`${field} as ${type}`, body({ ...route.valid, [field]: value }), invalid(field))),
    ),
    ...NOT_OBJECTS.map((payload) => post(`body ${payload}`, payload, invalid('body'))),
    ...MALFORMED_JSON.map((payload) => post(`malformed JSON ${JSON.stringify(payload)}`, payload, invalid('body'))),
    ...WRONG_MEDIA_TYPES.map((type) =>
      post(`content-type ${type}`, valid, refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type'), { 'content-type': type }),
    ),
    post('no content-type', valid, refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type'), {}),
    ...RIGHT_MEDIA_TYPES.map((type) => post(`content-type ${type}`, valid, { status: route.ok }, { 'content-type': type })),
    post('body one byte over the limit', padded(route.valid, REST_LIMITS.bodyLimitBytes + 1), refuse(413, 'PAYLOAD_TOO_LARGE', 'body')),
    post('body of 5 MB', padded(route.valid, 5 * 1024 * 1024), refuse(413, 'PAYLOAD_TOO_LARGE', 'body')),
    post(
      'deeply nested unknown field (100k levels)',
      body({ ...route.valid, deep: HOLE }).replace(`"${HOLE}"`, nested(100_000)),
      invalid('deep'),
    ),
    post('deeply nested body (400k levels)', nested(400_000), invalid('body')),
    post('huge JSON: 20k unknown fields', body({ ...route.valid, ...manyKeys(20_000) }), invalid('k0')),
    post('huge JSON: 200k-element unknown array', body({ ...route.valid, big: new Array(200_000).fill(0) }), invalid('big')),
  ];
}

/** A valid body padded with spaces to exactly `bytes` bytes. */
function padded(fields: Record<string, unknown>, bytes: number): string {
  const json = JSON.stringify(fields);
  return `${json.slice(0, -1)}${' '.repeat(bytes - json.length)}}`;
}

function without(fields: Record<string, unknown>, field: string): Record<string, unknown> {
  const { [field]: _removed, ...rest } = fields;
  return rest;
}

const message = (name: string, payload: string | Buffer, expect: Refusal | Acceptance): RestCase => ({
  name: `message: ${name}`,
  method: 'POST',
  url: '/v1/sessions/{id}/messages',
  headers: JSON_TYPE,
  payload,
  expect,
});
const text = (value: string): string => JSON.stringify({ text: value });

function textCases(): RestCase[] {
  const limit = REST_LIMITS.maxTextLength;
  return [
    ...BLANK_TEXTS.map(([name, value]) => message(`${name} text`, text(value), refuse(400, 'TEXT_EMPTY', 'text'))),
    message('text at the limit', text('a'.repeat(limit)), { status: 200, echo: 'a'.repeat(limit) }),
    message('multi-byte text at the limit', text('é'.repeat(limit)), { status: 200, echo: 'é'.repeat(limit) }),
    message('text one over the limit', text('a'.repeat(limit + 1)), refuse(400, 'TEXT_TOO_LONG', 'text')),
    message('multi-byte text one over the limit', text('é'.repeat(limit + 1)), refuse(400, 'TEXT_TOO_LONG', 'text')),
    message('text of 100k characters', text('a'.repeat(100_000)), refuse(400, 'TEXT_TOO_LONG', 'text')),
    message('text of 1 MB', text('a'.repeat(1024 * 1024)), refuse(413, 'PAYLOAD_TOO_LARGE', 'body')),
    ...ODD_TEXTS.map(([name, value]) => message(`${name}`, text(value), { status: 200, echo: value })),
    ...oddTextCases(),
  ];
}

/** The cases about what text is: blank, odd, NUL, lone surrogates, invalid UTF-8. Also run against every store. */
export function oddTextCases(): RestCase[] {
  return [
    ...NUL_TEXTS.map(([name, value]) => message(name, text(value), invalid('text'))),
    ...LONE_SURROGATES.map(([name, json]) => message(name, `{"text":${json}}`, invalid('text'))),
    ...INVALID_UTF8.map(([name, bytes]) => message(`invalid UTF-8: ${name}`, utf8Body('{"text":"a', bytes, 'b"}'), invalid('body'))),
  ];
}

/** The odd but valid texts, as their own list, for the per-store round trip. */
export function oddTextAcceptances(): RestCase[] {
  return ODD_TEXTS.map(([name, value]) => message(name, text(value), { status: 200, echo: value }));
}

function fieldCases(): RestCase[] {
  const post = (route: string, url: string, name: string, fields: Record<string, unknown>, expect: Refusal | Acceptance): RestCase => ({
    name: `${route}: ${name}`,
    method: 'POST',
    url,
    headers: JSON_TYPE,
    payload: JSON.stringify(fields),
    expect,
  });
  const [, messageRoute, fileRoute, eventRoute] = BODY_ROUTES as [BodyRoute, BodyRoute, BodyRoute, BodyRoute];
  const file = (name: string, fields: Record<string, unknown>, expect: Refusal | Acceptance) =>
    post('file', fileRoute.url, name, { ...fileRoute.valid, ...fields }, expect);
  const event = (name: string, fields: Record<string, unknown>, expect: Refusal | Acceptance) =>
    post('event', eventRoute.url, name, { ...eventRoute.valid, ...fields }, expect);
  return [
    ...[messageRoute, fileRoute, eventRoute].flatMap((route) =>
      BAD_MESSAGE_IDS.map(([name, messageId]) =>
        post(route.route, route.url, `messageId ${name}`, { ...route.valid, messageId }, invalid('messageId')),
      ),
    ),
    post('create', '/v1/sessions', 'id of 129 characters', { id: 's'.repeat(129) }, invalid('id')),
    post('create', '/v1/sessions', 'id with a dot', { id: 'a.b' }, invalid('id')),
    post('create', '/v1/sessions', 'empty id', { id: '' }, invalid('id')),
    post('create', '/v1/sessions', 'id with NUL', { id: 'a\u0000' }, invalid('id')),
    post('create', '/v1/sessions', 'id of 128 characters', { id: 'i'.repeat(128) }, { status: 201 }),
    post('create', '/v1/sessions', 'id "__proto__"', { id: '__proto__' }, { status: 201 }),
    post('create', '/v1/sessions', 'id "constructor"', { id: 'constructor' }, { status: 201 }),
    ...['__proto__', 'constructor', 'toString'].map((messageId) =>
      post('message', messageRoute.url, `messageId "${messageId}"`, { text: 'hello', messageId }, { status: 200, echo: 'hello' }),
    ),
    event('name "__proto__"', { name: '__proto__' }, { status: 200 }),
    event('name "constructor"', { name: 'constructor' }, { status: 200 }),
    event('params with a "__proto__" key', { params: JSON.parse('{"__proto__": {"polluted": true}}') as object }, invalid('body')),
    ...['!!!!', 'abc', 'ab=c', '====', 'YQ', 'a b=', 'éééé', 'YQ==\n'].map((base64) =>
      file(`base64 ${JSON.stringify(base64)}`, { base64 }, invalid('base64')),
    ),
    file('empty file', { base64: '' }, { status: 200 }),
    ...(['name', 'type'] as const).flatMap((field) => [
      file(`empty ${field}`, { [field]: '' }, invalid(field)),
      file(`blank ${field}`, { [field]: '   ' }, invalid(field)),
      file(`${field} of 256 characters`, { [field]: 'n'.repeat(256) }, invalid(field)),
      file(`${field} of 255 characters`, { [field]: 'n'.repeat(255) }, { status: 200 }),
      file(`${field} with a NUL`, { [field]: 'a\u0000' }, invalid(field)),
      file(`zero-width-only ${field}`, { [field]: '\u200b' }, invalid(field)),
    ]),
    event('empty name', { name: '' }, invalid('name')),
    event('blank name', { name: ' \t ' }, invalid('name')),
    event('name with a NUL', { name: 'pi\u0000ng' }, invalid('name')),
    event('zero-width-only name', { name: '\u200b\u200d' }, invalid('name')),
    event('params holding NUL (kept exactly, as every JSON value)', { name: 'ping', params: { 'k\u0000': 'v\u0000' } }, { status: 200 }),
    event('name of 256 characters', { name: 'e'.repeat(256) }, invalid('name')),
    ...WRONG_TYPES.filter(([type]) => !type.includes('object')).map(([type, params]) =>
      event(`params as ${type}`, { params }, invalid('params')),
    ),
    event('params nested 10 levels', { params: JSON.parse(`${'{"a":'.repeat(10)}1${'}'.repeat(10)}`) }, { status: 200 }),
    event('params with 20k keys', { params: manyKeys(20_000) }, { status: 200 }),
    eventRaw('params nested 100k levels', `{"name":"ping","params":{"a":${nested(100_000)}}}`, invalid('params')),
    eventRaw('params nested 300k levels', `{"name":"ping","params":{"a":${nested(300_000)}}}`, invalid('params')),
    eventRaw(
      'params object nested 50k levels',
      `{"name":"ping","params":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
      invalid('params'),
    ),
    eventRaw('invalid UTF-8 in the name', utf8Body('{"name":"pi', [0xff], 'ng"}'), invalid('body')),
    eventRaw('lone surrogate in the name', '{"name":"\\ud800"}', invalid('name')),
    eventRaw('lone surrogate in a params key', '{"name":"ping","params":{"\\udfff":1}}', invalid('params')),
  ];
}

function eventRaw(name: string, payload: string | Buffer, expect: Refusal | Acceptance): RestCase {
  return { name: `event: ${name}`, method: 'POST', url: '/v1/sessions/{id}/events', headers: JSON_TYPE, payload, expect };
}

/** Every route that names a session, with a body that would be valid. */
const SESSION_ROUTES: Array<{ route: string; method: HttpMethod; path: string; payload?: string }> = [
  { route: 'message', method: 'POST', path: '/messages', payload: text('hello') },
  { route: 'file', method: 'POST', path: '/files', payload: JSON.stringify({ name: 'a.png', type: 'image/png', base64: PNG }) },
  { route: 'event', method: 'POST', path: '/events', payload: JSON.stringify({ name: 'ping' }) },
  { route: 'get', method: 'GET', path: '' },
  { route: 'history', method: 'GET', path: '/history' },
  { route: 'reset', method: 'POST', path: '/reset' },
  { route: 'delete', method: 'DELETE', path: '' },
];

const BAD_SESSION_IDS: Array<[string, string]> = [
  ['129 characters', 's'.repeat(129)],
  ['a dot', 'a.b'],
  ['an encoded space', 'a%20b'],
  ['an encoded NUL', 'a%00'],
  ['non-ASCII', '%C3%BC'],
  ['an encoded slash', 'a%2Fb'],
  ['markup', '%3Cscript%3E'],
];

function sessionIdCases(): RestCase[] {
  return SESSION_ROUTES.flatMap(({ route, method, path, payload }) => {
    const request = (name: string, id: string, expect: Refusal | Acceptance): RestCase => ({
      name: `${route}: ${name}`,
      method,
      url: `/v1/sessions/${id}${path}`,
      ...(payload === undefined ? {} : { headers: JSON_TYPE, payload }),
      expect,
    });
    return [
      request('unknown session', 'no-such-session', refuse(404, 'SESSION_NOT_FOUND', 'no-such-session')),
      // Names a plain object would find on Object.prototype.
      ...['toString', 'hasOwnProperty', 'valueOf'].map((id) =>
        request(`unknown session "${id}"`, id, refuse(404, 'SESSION_NOT_FOUND', id)),
      ),
      ...BAD_SESSION_IDS.map(([name, id]) => request(`session id with ${name}`, id, invalid('id'))),
      // The URL is resolved before routing: /v1/sessions/../messages is /v1/messages, which is no route.
      request('session id ".."', '%2E%2E', refuse(404, 'ROUTE_NOT_FOUND', 'route')),
      ...[101, 128].map((length) => ({
        ...request(`session with a valid ${length}-character id`, '{id}', { status: method === 'DELETE' ? 204 : 200 }),
        session: `${route}-`.padEnd(length, 'x'),
      })),
    ];
  });
}

function historyCases(): RestCase[] {
  const page = (query: string, expect: Refusal | Acceptance): RestCase => ({
    name: `history: ?${query}`,
    method: 'GET',
    url: `/v1/sessions/{id}/history?${query}`,
    expect,
  });
  return [
    ...['offset=-1', 'offset=1.5', 'offset=x', 'offset=1e400'].map((query) => page(query, invalid('offset'))),
    ...['limit=0', 'limit=501', 'limit=-5', 'limit=abc', 'limit=1e3', 'limit=1&limit=2'].map((query) => page(query, invalid('limit'))),
    page('unknown=1', invalid('unknown')),
    page('limit=500', { status: 200 }),
    page('offset=100000', { status: 200 }),
    page('offset=1e15', { status: 200 }),
  ];
}

function routeCases(): RestCase[] {
  const unknown = (method: HttpMethod, url: string): RestCase => ({
    name: `no route: ${method} ${url}`,
    method,
    url,
    expect: refuse(404, 'ROUTE_NOT_FOUND', 'route'),
  });
  return [
    unknown('PUT', '/v1/sessions'),
    unknown('GET', '/v1/sessions'),
    unknown('DELETE', '/v1/sessions'),
    unknown('PATCH', '/v1/sessions/{id}'),
    unknown('PUT', '/v1/sessions/{id}/messages'),
    unknown('GET', '/v1/sessions/{id}/messages'),
    unknown('POST', '/v1/sessions/{id}/unknown'),
    unknown('POST', '/v1/sessions/{id}/messages/extra'),
    unknown('POST', '/health'),
    unknown('DELETE', '/metrics'),
    unknown('GET', '/v1/nope'),
    unknown('GET', '/v2/sessions/{id}'),
    unknown('GET', '/v1/sessions/{id}/history/1'),
    unknown('OPTIONS', '/v1/sessions'),
  ];
}

export function restCases(): RestCase[] {
  return [...BODY_ROUTES.flatMap(bodyCases), ...textCases(), ...fieldCases(), ...sessionIdCases(), ...historyCases(), ...routeCases()];
}

/** The keys the authentication cases' app is configured with (PARLEY_API_KEYS). */
export const API_KEYS = ['api-key-one-0123456789abcdef', 'api-key-two-0123456789abcdef'] as const;

/** Every route of the API, with a body it would accept; no session exists, so a request that passes the check gets 404 (or 201, or 400). */
const API_ROUTES: Array<{ route: string; method: HttpMethod; url: string; payload?: string; passed: Refusal | Acceptance }> = [
  { route: 'create', method: 'POST', url: '/v1/sessions', payload: '{}', passed: { status: 201 } },
  ...SESSION_ROUTES.map(({ route, method, path, payload }) => ({
    route,
    method,
    url: `/v1/sessions/no-such-session${path}`,
    ...(payload === undefined ? {} : { payload }),
    passed: refuse(404, 'SESSION_NOT_FOUND', 'no-such-session'),
  })),
  { route: 'websocket without upgrade', method: 'GET', url: '/v1/ws', passed: invalid('upgrade') },
  { route: 'dashboard data', method: 'GET', url: '/v1/dashboard', passed: { status: 200 } },
  {
    route: 'training phrases',
    method: 'POST',
    url: '/v1/training-phrases',
    payload: '{"intent":"no_such_intent","texts":["hi"]}',
    passed: invalid('intent'),
  },
];

/** Ways of presenting no valid key, and the header the refusal must name. */
function badCredentials(): Array<[string, Record<string, string>, string, string?]> {
  const [key] = API_KEYS;
  return [
    ['no key', {}, 'authorization'],
    ['unknown key', { authorization: 'Bearer api-key-three-0123456789abcdef' }, 'authorization'],
    ['key one character short', { authorization: `Bearer ${key.slice(0, -1)}` }, 'authorization'],
    ['key one character more', { authorization: `Bearer ${key}f` }, 'authorization'],
    ['key in upper case', { authorization: `Bearer ${key.toUpperCase()}` }, 'authorization'],
    ['Basic scheme', { authorization: `Basic ${Buffer.from(`user:${key}`).toString('base64')}` }, 'authorization'],
    ['key without a scheme', { authorization: key }, 'authorization'],
    ['Bearer without a key', { authorization: 'Bearer' }, 'authorization'],
    ['two keys in one header', { authorization: `Bearer ${key} ${key}` }, 'authorization'],
    ['both keys joined by a comma', { authorization: `Bearer ${API_KEYS.join(',')}` }, 'authorization'],
    ['unknown X-API-Key', { 'x-api-key': 'api-key-three-0123456789abcdef' }, 'x-api-key'],
    ['empty X-API-Key', { 'x-api-key': '' }, 'x-api-key'],
    [
      'wrong Authorization beside a valid X-API-Key',
      { authorization: 'Bearer wrong-key-0123456789abcdef', 'x-api-key': key },
      'authorization',
    ],
    // The query parameter is for WebSocket upgrades only (browsers cannot set their headers).
    ['key as a query parameter', {}, 'authorization', `?key=${key}`],
  ];
}

/** Ways of presenting a valid key. */
const GOOD_CREDENTIALS: Array<[string, Record<string, string>]> = [
  ['Authorization: Bearer with the first key', { authorization: `Bearer ${API_KEYS[0]}` }],
  ['Authorization: bearer (lower case) with the second key', { authorization: `bearer ${API_KEYS[1]}` }],
  ['X-API-Key with the first key', { 'x-api-key': API_KEYS[0] }],
];

/** Routes that stay open without a key (see services/dialogue/src/http/require-api-key.ts for why). */
const OPEN_ROUTES: Array<[string, Refusal | Acceptance]> = [
  ['/health', { status: 200 }],
  ['/ready', { status: 200 }],
  ['/metrics', { status: 200 }],
  ['/docs/json', { status: 200 }],
  ['/', { status: 200 }],
  ['/chat.js', { status: 200 }],
  ['/dashboard', { status: 200 }],
  ['/vendor/echarts.min.js', { status: 200 }],
  ['/v1/no-such-route', refuse(404, 'ROUTE_NOT_FOUND', 'route')],
];

/** The API-key cases: for an app configured with API_KEYS. */
export function authRestCases(): RestCase[] {
  const request = (
    route: (typeof API_ROUTES)[number],
    name: string,
    headers: Record<string, string>,
    expect: Refusal | Acceptance,
    query = '',
  ): RestCase => ({
    name: `api key: ${route.route}: ${name}`,
    method: route.method,
    url: `${route.url}${query}`,
    headers: route.payload === undefined ? headers : { ...JSON_TYPE, ...headers },
    ...(route.payload === undefined ? {} : { payload: route.payload }),
    expect,
  });
  return [
    ...API_ROUTES.flatMap((route) => [
      ...badCredentials().map(([name, headers, field, query]) =>
        request(route, name, headers, refuse(401, 'UNAUTHENTICATED', field), query),
      ),
      ...GOOD_CREDENTIALS.map(([name, headers]) => request(route, name, headers, route.passed)),
    ]),
    ...OPEN_ROUTES.map(([url, expect]): RestCase => ({ name: `api key: open without a key: GET ${url}`, method: 'GET', url, expect })),
  ];
}
