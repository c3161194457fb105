/**
 * The gRPC bad-input matrix as data: every RPC of parley.nlu.v1.Nlu (and grpc.health.v1.Health.Check) with
 * missing, blank, over-long, odd and malformed fields, unknown models, versions, aliases, scopes and jobs,
 * malformed bot definitions naming their field, limits, and request bytes that are no protobuf message at all.
 * Each case names the gRPC status docs/errors.md documents.
 */
import { NLU_SERVICE, type nluV1 } from '@parley/proto';
import { BLANK_TEXTS, LONE_SURROGATES, NUL_TEXTS, ODD_TEXTS } from './bad-values';
import { trainCases } from './definition-cases';
import { encodeRequest, predictStreamMessage } from './raw-grpc';

export interface GrpcCase {
  name: string;
  /** A method of the Nlu service, or a full path (`/pkg.Service/Method`) with `stream`. */
  method: string;
  request: object | Buffer;
  expect: string;
  /** The status details must name this field. */
  field?: string;
  /** `gated`: the server whose only training never finishes (model "pending"). */
  server?: 'gated';
  /** Request metadata (the API-key cases). */
  metadata?: Record<string, string>;
}

export interface GrpcCaseContext {
  /** The trained version of model "greetings". */
  version: string;
  /** A finished training job. */
  finishedJob: string;
}

export const GRPC_LIMITS = { maxTextLength: 2000, maxBatch: 8, maxEvaluateExamples: 50, maxMessageMb: 4 } as const;

const MODEL = 'greetings';

function predictCases(ctx: GrpcCaseContext): GrpcCase[] {
  const predict = (name: string, fields: Partial<nluV1.PredictRequest>, expect: string, field?: string): GrpcCase => ({
    name: `Predict: ${name}`,
    method: 'Predict',
    request: { model: MODEL, text: 'hello', ...fields },
    expect,
    ...(field === undefined ? {} : { field }),
  });
  const limit = GRPC_LIMITS.maxTextLength;
  return [
    ...BLANK_TEXTS.map(([name, text]) => predict(`${name} text`, { text }, 'INVALID_ARGUMENT', 'text')),
    predict('text at the limit', { text: 'a'.repeat(limit) }, 'OK'),
    predict('text one over the limit', { text: 'a'.repeat(limit + 1) }, 'INVALID_ARGUMENT', 'text'),
    predict('text of 100k characters', { text: 'a'.repeat(100_000) }, 'INVALID_ARGUMENT', 'text'),
    predict('text of 1 MB', { text: 'a'.repeat(1024 * 1024) }, 'INVALID_ARGUMENT', 'text'),
    predict('text over the message size limit', { text: 'a'.repeat((GRPC_LIMITS.maxMessageMb + 1) * 1024 * 1024) }, 'RESOURCE_EXHAUSTED'),
    ...ODD_TEXTS.map(([name, text]) => predict(name, { text }, 'OK')),
    // The NLU stores no text: NUL, refused where texts are kept (the dialogue), is classified like any character.
    ...NUL_TEXTS.map(([name, text]) => predict(name, { text }, 'OK')),
    // The NLU only classifies: text its protobuf decoder reads leniently (lone surrogates, invalid UTF-8) is classified.
    ...LONE_SURROGATES.map(([name, json]) => predict(name, { text: JSON.parse(json) as string }, 'OK')),
    ...INVALID_UTF8_TEXTS.map(([name, bytes]) => ({
      name: `Predict: invalid UTF-8 text: ${name}`,
      method: 'Predict',
      request: predictBytes(bytes),
      expect: 'OK',
    })),
    predict('no model', { model: '' }, 'INVALID_ARGUMENT', 'model'),
    predict('blank model', { model: '   ' }, 'INVALID_ARGUMENT', 'model'),
    predict('model with a path', { model: '../greetings' }, 'INVALID_ARGUMENT', 'model'),
    predict('model with a NUL', { model: 'greetings\u0000' }, 'INVALID_ARGUMENT', 'model'),
    predict('model of 129 characters', { model: 'm'.repeat(129) }, 'INVALID_ARGUMENT', 'model'),
    predict('model with a lone surrogate', { model: 'g\ud800' }, 'INVALID_ARGUMENT', 'model'),
    predict('unknown model', { model: 'no-such-model' }, 'NOT_FOUND', 'model'),
    predict('model in other case', { model: 'Greetings' }, 'NOT_FOUND', 'model'),
    predict('unknown ref', { ref: 'no-such-ref' }, 'NOT_FOUND', 'ref'),
    predict('unset alias', { ref: 'staging2' }, 'NOT_FOUND', 'ref'),
    predict('ref with a path', { ref: '../../etc' }, 'INVALID_ARGUMENT', 'ref'),
    predict('ref with a space', { ref: 'a b' }, 'INVALID_ARGUMENT', 'ref'),
    predict('ref by version', { ref: ctx.version }, 'OK'),
    predict('ref latest', { ref: 'latest' }, 'OK'),
    ...PROTOTYPE_NAMES.flatMap((name) => [
      predict(`ref "${name}"`, { ref: name }, name.startsWith('_') ? 'INVALID_ARGUMENT' : 'NOT_FOUND', 'ref'),
      predict(`scope "${name}"`, { scope: name }, 'NOT_FOUND', 'scope'),
      predict(`model "${name}"`, { model: name }, name.startsWith('_') ? 'INVALID_ARGUMENT' : 'NOT_FOUND', 'model'),
    ]),
    predict('unknown scope', { scope: 'no-such-scope' }, 'NOT_FOUND', 'scope'),
    predict('scope with a NUL', { scope: 'start\u0000' }, 'NOT_FOUND', 'scope'),
    predict('scope of 10k characters', { scope: 's'.repeat(10_000) }, 'NOT_FOUND', 'scope'),
    predict('scope in other case', { scope: 'START' }, 'NOT_FOUND', 'scope'),
    predict('the all-intents scope', { scope: '*' }, 'OK'),
    predict('a state scope', { scope: 'start' }, 'OK'),
    {
      name: 'Predict: unknown fields are skipped',
      method: 'Predict',
      request: Buffer.concat([encodeRequest('Predict', { model: MODEL, text: 'hi' }), Buffer.from([0xa0, 0x06, 0x01])]),
      expect: 'OK',
    },
    { name: 'Predict: empty request', method: 'Predict', request: Buffer.alloc(0), expect: 'INVALID_ARGUMENT', field: 'text' },
    {
      name: 'Predict: model still training',
      method: 'Predict',
      request: { model: 'pending', text: 'hello' },
      expect: 'FAILED_PRECONDITION',
      field: 'model',
      server: 'gated',
    },
  ];
}

/** Names that find something on Object.prototype when looked up in a plain object. */
const PROTOTYPE_NAMES = ['toString', 'constructor', 'hasOwnProperty', '__proto__'];

const INVALID_UTF8_TEXTS: Array<[string, number[]]> = [
  ['byte 0xFF', [0x68, 0xff, 0x69]],
  ['encoded surrogate', [0xed, 0xa0, 0x80]],
  ['truncated sequence', [0x68, 0xe2, 0x82]],
];

/** A PredictRequest for model "greetings" whose text field holds `bytes` as they are. */
function predictBytes(bytes: number[]): Buffer {
  return Buffer.concat([encodeRequest('Predict', { model: MODEL }), Buffer.from([0x1a, bytes.length, ...bytes])]);
}

function batchCases(): GrpcCase[] {
  const batch = (name: string, fields: Partial<nluV1.PredictBatchRequest>, expect: string, field?: string, server?: 'gated'): GrpcCase => ({
    name: `PredictBatch: ${name}`,
    method: 'PredictBatch',
    request: { model: MODEL, texts: ['hello', 'bye'], ...fields },
    expect,
    ...(field === undefined ? {} : { field }),
    ...(server === undefined ? {} : { server }),
  });
  const max = GRPC_LIMITS.maxBatch;
  return [
    batch('no texts', { texts: [] }, 'OK'),
    batch('texts at the limit', { texts: Array.from({ length: max }, (_, i) => `hello ${i}`) }, 'OK'),
    batch('one text over the limit', { texts: Array.from({ length: max + 1 }, (_, i) => `hello ${i}`) }, 'RESOURCE_EXHAUSTED', 'texts'),
    batch('10,000 texts', { texts: new Array<string>(10_000).fill('hello') }, 'RESOURCE_EXHAUSTED', 'texts'),
    batch('a blank text', { texts: ['hello', '  '] }, 'INVALID_ARGUMENT', 'texts[1]'),
    batch('an over-long text', { texts: ['a'.repeat(GRPC_LIMITS.maxTextLength + 1), 'hello'] }, 'INVALID_ARGUMENT', 'texts[0]'),
    batch('no model', { model: '' }, 'INVALID_ARGUMENT', 'model'),
    batch('model with a path', { model: '../x' }, 'INVALID_ARGUMENT', 'model'),
    batch('unknown model', { model: 'no-such-model' }, 'NOT_FOUND', 'model'),
    batch('unknown ref', { ref: 'no-such-ref' }, 'NOT_FOUND', 'ref'),
    batch('unknown scope', { scope: 'no-such-scope' }, 'NOT_FOUND', 'scope'),
    batch('model still training', { model: 'pending' }, 'FAILED_PRECONDITION', 'model', 'gated'),
  ];
}

function evaluateCases(): GrpcCase[] {
  const example = { text: 'hello', intent: 'greet' };
  const evaluate = (name: string, fields: Partial<nluV1.EvaluateRequest>, expect: string, field?: string, server?: 'gated'): GrpcCase => ({
    name: `Evaluate: ${name}`,
    method: 'Evaluate',
    request: { model: MODEL, examples: [example], ...fields },
    expect,
    ...(field === undefined ? {} : { field }),
    ...(server === undefined ? {} : { server }),
  });
  return [
    evaluate('no examples', { examples: [] }, 'INVALID_ARGUMENT', 'examples'),
    evaluate(
      'examples over the limit',
      { examples: new Array(GRPC_LIMITS.maxEvaluateExamples + 1).fill(example) },
      'RESOURCE_EXHAUSTED',
      'examples',
    ),
    evaluate('a blank example text', { examples: [example, { text: ' ', intent: 'greet' }] }, 'INVALID_ARGUMENT', 'examples[1].text'),
    evaluate(
      'an over-long example text',
      { examples: [{ text: 'a'.repeat(GRPC_LIMITS.maxTextLength + 1), intent: 'greet' }] },
      'INVALID_ARGUMENT',
      'examples[0].text',
    ),
    evaluate(
      'an unknown intent label',
      { examples: [{ text: 'hello', intent: 'no-such-intent' }] },
      'INVALID_ARGUMENT',
      'examples[0].intent',
    ),
    evaluate('a blank intent label', { examples: [example, { text: 'hello', intent: '' }] }, 'INVALID_ARGUMENT', 'examples[1].intent'),
    evaluate('the out-of-scope label', { examples: [example, { text: 'buy a car', intent: 'oos' }] }, 'OK'),
    evaluate('no model', { model: '' }, 'INVALID_ARGUMENT', 'model'),
    evaluate('unknown model', { model: 'no-such-model' }, 'NOT_FOUND', 'model'),
    evaluate('unknown scope', { scope: 'no-such-scope' }, 'NOT_FOUND', 'scope'),
    evaluate('model still training', { model: 'pending' }, 'FAILED_PRECONDITION', 'model', 'gated'),
  ];
}

function jobCases(ctx: GrpcCaseContext): GrpcCase[] {
  const ids: Array<[string, string, string]> = [
    ['no job id', '', 'INVALID_ARGUMENT'],
    ['blank job id', '  ', 'INVALID_ARGUMENT'],
    ['unknown job id', '6f1c8d5e-0000-4000-8000-000000000000', 'NOT_FOUND'],
    ['job id with a path', '../../greetings/aliases', 'NOT_FOUND'],
    ['job id with a NUL', 'job\u0000', 'NOT_FOUND'],
    ['job id of 10k characters', 'j'.repeat(10_000), 'NOT_FOUND'],
  ];
  return [
    ...['GetJob', 'WatchJob', 'CancelJob'].flatMap((method) =>
      ids.map(([name, jobId, expect]): GrpcCase => ({ name: `${method}: ${name}`, method, request: { jobId }, expect, field: 'job' })),
    ),
    { name: 'GetJob: a finished job', method: 'GetJob', request: { jobId: ctx.finishedJob }, expect: 'OK' },
    { name: 'WatchJob: a finished job', method: 'WatchJob', request: { jobId: ctx.finishedJob }, expect: 'OK' },
    {
      name: 'CancelJob: a finished job',
      method: 'CancelJob',
      request: { jobId: ctx.finishedJob },
      expect: 'FAILED_PRECONDITION',
      field: 'job',
    },
  ];
}

function modelCases(ctx: GrpcCaseContext): GrpcCase[] {
  const call = (method: string, name: string, request: object, expect: string, field?: string, server?: 'gated'): GrpcCase => ({
    name: `${method}: ${name}`,
    method,
    request,
    expect,
    ...(field === undefined ? {} : { field }),
    ...(server === undefined ? {} : { server }),
  });
  return [
    call('GetModel', 'no model', { model: '' }, 'INVALID_ARGUMENT', 'model'),
    call('GetModel', 'model with a path', { model: '../greetings' }, 'INVALID_ARGUMENT', 'model'),
    call('GetModel', 'unknown model', { model: 'no-such-model' }, 'NOT_FOUND', 'model'),
    call('GetModel', 'model "constructor"', { model: 'constructor' }, 'NOT_FOUND', 'model'),
    call('GetJob', 'job id "constructor"', { jobId: 'constructor' }, 'NOT_FOUND', 'job'),
    call('DeleteModel', 'version "toString"', { model: MODEL, version: 'toString' }, 'NOT_FOUND', 'version'),
    call('SetAlias', 'version "constructor"', { model: MODEL, alias: 'staging', version: 'constructor' }, 'NOT_FOUND', 'version'),
    call('GetModel', 'a model still training', { model: 'pending' }, 'OK', undefined, 'gated'),
    call('ListModels', 'unknown fields are skipped', Buffer.from([0x0a, 0x01, 0x78]), 'OK'),
    call('DeleteModel', 'no model', { model: '' }, 'INVALID_ARGUMENT', 'model'),
    call('DeleteModel', 'model with a path', { model: '../../tmp' }, 'INVALID_ARGUMENT', 'model'),
    call('DeleteModel', 'unknown model', { model: 'no-such-model' }, 'NOT_FOUND', 'model'),
    call('DeleteModel', 'unknown version', { model: MODEL, version: 'v-no-such' }, 'NOT_FOUND', 'version'),
    call('DeleteModel', 'version with a path', { model: MODEL, version: '../x' }, 'INVALID_ARGUMENT', 'version'),
    call('DeleteModel', 'a model still training', { model: 'pending' }, 'FAILED_PRECONDITION', 'model', 'gated'),
    call('SetAlias', 'no model', { model: '', alias: 'staging', version: ctx.version }, 'INVALID_ARGUMENT', 'model'),
    call('SetAlias', 'unknown model', { model: 'no-such-model', alias: 'staging', version: ctx.version }, 'NOT_FOUND', 'model'),
    call('SetAlias', 'no alias', { model: MODEL, alias: '', version: ctx.version }, 'INVALID_ARGUMENT', 'alias'),
    call('SetAlias', 'alias with a space', { model: MODEL, alias: 'my alias', version: ctx.version }, 'INVALID_ARGUMENT', 'alias'),
    call('SetAlias', 'alias with a path', { model: MODEL, alias: '../aliases', version: ctx.version }, 'INVALID_ARGUMENT', 'alias'),
    call('SetAlias', 'no version', { model: MODEL, alias: 'staging' }, 'INVALID_ARGUMENT', 'version'),
    call('SetAlias', 'unknown version', { model: MODEL, alias: 'staging', version: 'v-no-such' }, 'NOT_FOUND', 'version'),
    call('SetAlias', 'version with a path', { model: MODEL, alias: 'staging', version: '../../x' }, 'INVALID_ARGUMENT', 'version'),
    call('SetAlias', 'a valid alias', { model: MODEL, alias: 'staging', version: ctx.version }, 'OK'),
  ];
}

/** Bytes that are not a protobuf message (each also run against every method). */
const MALFORMED_PROTOBUF: Array<[string, number[]]> = [
  ['truncated varint tag', [0xff]],
  ['tag without its length', [0x0a]],
  ['length past the end', [0x0a, 0x05, 0x61]],
  ['length of 4 GB', [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]],
  ['varint of 11 bytes', [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
  ['wire type 7', [0x0f]],
  ['wire type 6', [0x0e]],
  ['end-group without a start', [0x0c]],
  ['start-group never ended', [0x0b, 0x08, 0x01]],
  ['fixed64 cut short', [0x09, 0x01, 0x02]],
];

export const NLU_METHODS = [
  'Train',
  'StartTraining',
  'GetJob',
  'WatchJob',
  'CancelJob',
  'Predict',
  'PredictStream',
  'PredictBatch',
  'Evaluate',
  'GetModel',
  'ListModels',
  'DeleteModel',
  'SetAlias',
];

function malformedCases(): GrpcCase[] {
  const methods = [...NLU_METHODS, '/grpc.health.v1.Health/Check'];
  return methods.flatMap((method) =>
    MALFORMED_PROTOBUF.map(([name, bytes]): GrpcCase => ({
      name: `${method}: malformed protobuf: ${name}`,
      method,
      request: Buffer.from(bytes),
      expect: 'INVALID_ARGUMENT',
      field: 'request',
    })),
  );
}

function otherCases(): GrpcCase[] {
  const health = (name: string, service: string, expect: string): GrpcCase => ({
    name: `Health.Check: ${name}`,
    method: '/grpc.health.v1.Health/Check',
    request: Buffer.concat([Buffer.from([0x0a, Buffer.byteLength(service)]), Buffer.from(service)]),
    expect,
  });
  return [
    { name: 'unknown method of Nlu', method: '/parley.nlu.v1.Nlu/Nope', request: Buffer.alloc(0), expect: 'UNIMPLEMENTED' },
    { name: 'unknown service', method: '/parley.nlu.v2.Nlu/Predict', request: Buffer.alloc(0), expect: 'UNIMPLEMENTED' },
    { name: 'method name in lower case', method: '/parley.nlu.v1.Nlu/predict', request: Buffer.alloc(0), expect: 'UNIMPLEMENTED' },
    health('the whole server', '', 'OK'),
    health('the Nlu service', NLU_SERVICE, 'OK'),
    health('an unknown service', 'no.such.Service', 'NOT_FOUND'),
  ];
}

/** Every Predict case again as the one request of a PredictStream: the same status (in the answer) and field. */
function predictStreamCases(ctx: GrpcCaseContext): GrpcCase[] {
  return predictCases(ctx).map((testCase) => ({
    ...testCase,
    name: testCase.name.replace(/^Predict: /, 'PredictStream: '),
    method: 'PredictStream',
    request: Buffer.isBuffer(testCase.request) ? predictStreamMessage(testCase.request) : testCase.request,
  }));
}

export function grpcCases(ctx: GrpcCaseContext): GrpcCase[] {
  return [
    ...predictCases(ctx),
    ...predictStreamCases(ctx),
    ...batchCases(),
    ...evaluateCases(),
    ...trainCases(),
    ...jobCases(ctx),
    ...modelCases(ctx),
    ...malformedCases(),
    ...otherCases(),
  ];
}

/** The API-key cases, for a server configured with `keys` (PARLEY_NLU_API_KEYS) that has trained model "greetings". */
export function authGrpcCases(keys: readonly [string, string]): GrpcCase[] {
  const [key, other] = keys;
  const wrong = 'grpc-key-three-0123456789abcdef';
  const bad: Array<[string, Record<string, string>]> = [
    ['no key', {}],
    ['an unknown key', { authorization: `Bearer ${wrong}` }],
    ['a key one character short', { authorization: `Bearer ${key.slice(0, -1)}` }],
    ['a key in upper case', { authorization: `Bearer ${key.toUpperCase()}` }],
    ['a key without the Bearer scheme', { authorization: key }],
    ['Basic credentials', { authorization: `Basic ${Buffer.from(`u:${key}`).toString('base64')}` }],
    ['the key in x-api-key (not read over gRPC)', { 'x-api-key': key }],
  ];
  const good: Array<[string, Record<string, string>]> = [
    ['the first key', { authorization: `Bearer ${key}` }],
    ['the second key, scheme in lower case', { authorization: `bearer ${other}` }],
  ];
  const requests: Array<[string, object | Buffer]> = [
    ['Predict', { model: MODEL, text: 'hello' }],
    ['PredictBatch', { model: MODEL, texts: ['hello'] }],
    ['GetModel', { model: MODEL }],
    ['ListModels', {}],
    ['GetJob', { jobId: 'no-such-job' }],
    ['WatchJob', { jobId: 'no-such-job' }],
    ['DeleteModel', { model: 'no-such-model' }],
    ['SetAlias', { model: MODEL, alias: 'staging', version: 'v-no-such' }],
    ['Evaluate', { model: MODEL, examples: [{ text: 'hello', intent: 'greet' }] }],
    ['StartTraining', { definition: { name: '' } }],
    ['Train', { definition: { name: '' } }],
    ['CancelJob', { jobId: 'no-such-job' }],
  ];
  return [
    ...requests.flatMap(([method, request]) =>
      bad.map(([name, metadata]): GrpcCase => ({
        name: `api key: ${method} with ${name}`,
        method,
        request,
        metadata,
        expect: 'UNAUTHENTICATED',
        field: 'authorization',
      })),
    ),
    // Refused before the request is read: malformed bytes get UNAUTHENTICATED, not INVALID_ARGUMENT.
    {
      name: 'api key: Predict with no key and malformed bytes',
      method: 'Predict',
      request: Buffer.from([0xff]),
      expect: 'UNAUTHENTICATED',
      field: 'authorization',
    },
    ...good.flatMap(([name, metadata]): GrpcCase[] => [
      { name: `api key: Predict with ${name}`, method: 'Predict', request: { model: MODEL, text: 'hello' }, metadata, expect: 'OK' },
      {
        name: `api key: GetJob with ${name} (then the request's own answer)`,
        method: 'GetJob',
        request: { jobId: 'no-such-job' },
        metadata,
        expect: 'NOT_FOUND',
        field: 'job',
      },
      {
        name: `api key: Predict with ${name} and malformed bytes`,
        method: 'Predict',
        request: Buffer.from([0xff]),
        metadata,
        expect: 'INVALID_ARGUMENT',
        field: 'request',
      },
    ]),
    // Health checks need no key.
    { name: 'api key: Health.Check with no key', method: '/grpc.health.v1.Health/Check', request: Buffer.alloc(0), expect: 'OK' },
    {
      name: 'api key: Health.Check with an unknown key',
      method: '/grpc.health.v1.Health/Check',
      request: Buffer.alloc(0),
      metadata: { authorization: `Bearer ${wrong}` },
      expect: 'OK',
    },
  ];
}
