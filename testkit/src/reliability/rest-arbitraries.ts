/**
 * fast-check arbitraries of REST requests to the dialogue service: mostly well-aimed (a real route, a live session,
 * a body of the right shape with odd values), often wrong (random JSON, wrong types, unknown fields, malformed
 * bytes, other content types, unknown ids and routes), so the fuzzer reaches both the turns and every refusal.
 */
import fc from 'fast-check';

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  /** `{session}` stands for the session picked by `session`. */
  url: string;
  /** Index into the pool of sessions (modulo its size). */
  session: number;
  contentType: string | undefined;
  payload: string | Buffer | undefined;
}

/** Any UTF-16 code unit, lone surrogates included (JSON can carry them as escapes). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** Texts: printable, any Unicode, raw code units, white space, and long. */
export const fuzzText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom('hello', 'hi', 'weather in barna', 'what is the weather in Madrid?', 'good morning') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[ \t\n\r\u00a0\u3000\u2028\ufeff]{0,8}$/) },
  { weight: 1, arbitrary: fc.integer({ min: 1990, max: 2010 }).map((length) => 'a'.repeat(length)) },
);

const messageId = fc.option(
  fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/), fc.constantFrom('m-1', 'm-2', 'm-3'), fc.string({ maxLength: 10 })),
  { nil: undefined },
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const base64 = fc.oneof(
  fc.uint8Array({ maxLength: 24 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.string({ maxLength: 12 }),
);

const messageBody = fc.record(
  { text: fc.oneof({ weight: 8, arbitrary: fuzzText }, { weight: 1, arbitrary: anyJson }), messageId },
  { requiredKeys: [] },
);
const fileBody = fc.record(
  {
    name: fc.oneof(fc.constantFrom('a.png', 'b.txt'), fc.string({ maxLength: 20 })),
    type: fc.constantFrom('image/png', 'text/plain', '', 'x'),
    base64,
    messageId,
  },
  { requiredKeys: [] },
);
const eventBody = fc.record(
  {
    name: fc.oneof(fc.constantFrom('ping', 'other'), fc.string({ maxLength: 12 })),
    params: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), anyJson, { maxKeys: 4 }), anyJson),
    messageId,
  },
  { requiredKeys: ['name'] },
);
const createBody = fc.record(
  { id: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), fc.string({ maxLength: 20 })) },
  { requiredKeys: [] },
);

/** A body of the right shape for its route, sometimes with an unknown field added. */
function shaped<T>(body: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: body },
    {
      weight: 1,
      arbitrary: fc
        .tuple(body, fc.string({ maxLength: 8 }), anyJson)
        .map(([fields, key, value]) => ({ ...(fields as object), [key]: value })),
    },
  );
}

/** The bytes on the wire: the body as JSON, or something that is not. */
function payloadOf(body: fc.Arbitrary<unknown>): fc.Arbitrary<string | Buffer | undefined> {
  return fc.oneof(
    { weight: 12, arbitrary: body.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const contentType = fc.oneof(
  { weight: 15, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-8',
      'application/xml',
      'multipart/form-data',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const sessionSegment = fc.oneof(
  { weight: 12, arbitrary: fc.constant('{session}') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent) },
);

const query = fc.oneof(
  fc.constant(''),
  fc
    .record(
      {
        offset: fc.oneof(fc.nat(30), fc.integer(), fc.string({ maxLength: 5 })),
        limit: fc.oneof(fc.integer({ min: 1, max: 500 }), fc.integer(), fc.string({ maxLength: 5 })),
      },
      { requiredKeys: [] },
    )
    .map(
      (params) =>
        `?${new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)])).toString()}`,
    ),
);

type Route = { method: FuzzRequest['method']; path: (session: string) => fc.Arbitrary<string>; body?: fc.Arbitrary<unknown> };

const ROUTES: Array<{ weight: number; route: Route }> = [
  { weight: 8, route: { method: 'POST', path: (s) => fc.constant(`/v1/sessions/${s}/messages`), body: shaped(messageBody) } },
  { weight: 2, route: { method: 'POST', path: (s) => fc.constant(`/v1/sessions/${s}/files`), body: shaped(fileBody) } },
  { weight: 2, route: { method: 'POST', path: (s) => fc.constant(`/v1/sessions/${s}/events`), body: shaped(eventBody) } },
  { weight: 1, route: { method: 'POST', path: () => fc.constant('/v1/sessions'), body: shaped(createBody) } },
  { weight: 2, route: { method: 'GET', path: (s) => fc.constant(`/v1/sessions/${s}`) } },
  { weight: 2, route: { method: 'GET', path: (s) => query.map((q) => `/v1/sessions/${s}/history${q}`) } },
  { weight: 1, route: { method: 'POST', path: (s) => fc.constant(`/v1/sessions/${s}/reset`) } },
  { weight: 1, route: { method: 'DELETE', path: (s) => fc.constant(`/v1/sessions/${s}`) } },
  { weight: 1, route: { method: 'PUT', path: (s) => fc.constantFrom(`/v1/sessions/${s}`, '/v1/sessions', `/v1/sessions/${s}/messages`) } },
  { weight: 1, route: { method: 'GET', path: () => fc.string({ maxLength: 20 }).map((tail) => `/v1/${encodeURIComponent(tail)}`) } },
];

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  ...ROUTES.map(({ weight, route }) => ({
    weight,
    arbitrary: fc
      .record({
        url: sessionSegment.chain(route.path),
        session: fc.nat(),
        contentType,
        payload: route.body ? payloadOf(route.body) : fc.constant(undefined),
      })
      .map((request): FuzzRequest => ({ method: route.method, ...request })),
  })),
);
