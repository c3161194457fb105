/**
 * fast-check arbitraries of NLU gRPC calls: every RPC with field values from plausible to absurd (the trained
 * model or random ids, real scopes or junk, odd texts, batches over the limit, random bot definitions), plus raw
 * random bytes sent to random methods. Requests that could change the served model are left out (no DeleteModel
 * of "greetings", no SetAlias of its production alias), so the fuzzer can check afterwards that it still serves.
 */
import fc from 'fast-check';
import { fuzzText } from './rest-arbitraries';
import { NLU_METHODS } from './grpc-cases';

export interface FuzzCall {
  method: string;
  /** A request object for the method's serializer, or raw bytes. */
  request: object | Buffer;
}

const MODEL = 'greetings';
const junk = fc.string({ maxLength: 20 });
const model = fc.oneof(
  { weight: 6, arbitrary: fc.constant(MODEL) },
  { weight: 1, arbitrary: fc.constantFrom('no-such-model', '', 'Greetings', '../x') },
  { weight: 1, arbitrary: junk },
);
const ref = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom('production', 'latest', 'staging', '../x') },
  { weight: 1, arbitrary: junk },
);
const scope = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('', '*', 'start') }, { weight: 1, arbitrary: junk });
const jobId = fc.oneof(fc.uuid(), junk, fc.constant(''));

const predict = fc.record({ model, ref, text: fuzzText, scope });
const batch = fc.record({ model, ref, scope, texts: fc.array(fuzzText, { maxLength: 12 }) });
const evaluate = fc.record({
  model,
  ref,
  scope,
  oosLabel: fc.constantFrom('', 'oos', 'x'),
  examples: fc.array(fc.record({ text: fuzzText, intent: fc.constantFrom('greet', 'bye', 'weather', 'oos', 'nope', '') }), {
    maxLength: 60,
  }),
});

const sentence = fc.oneof(fc.constantFrom('hello', 'what is the weather in CITY', 'bye'), fuzzText);
const definition = fc.record(
  {
    name: fc.oneof(fc.constantFrom('fuzz_bot', MODEL), junk),
    language: fc.constantFrom('', 'en', 'es', 'xx', 'english'),
    intents: fc.array(
      fc.record({
        name: fc.oneof(fc.constantFrom('greet', 'bye', 'fallback_intent'), junk),
        trainingSentences: fc.array(sentence, { maxLength: 4 }),
        parameters: fc.array(
          fc.record({ name: junk, fragment: fc.constantFrom('CITY', 'X', ''), entity: fc.constantFrom('city', 'base.number', 'nope') }),
          { maxLength: 2 },
        ),
      }),
      { maxLength: 4 },
    ),
    entities: fc.array(
      fc.record({
        name: fc.oneof(fc.constant('city'), junk),
        entries: fc.array(fc.record({ value: junk, synonyms: fc.array(junk, { maxLength: 2 }) }), { maxLength: 3 }),
      }),
      { maxLength: 2 },
    ),
    scopes: fc.array(fc.record({ name: junk, intents: fc.array(fc.constantFrom('greet', 'bye', 'nope'), { maxLength: 3 }) }), {
      maxLength: 2,
    }),
    config: fc.record(
      {
        threshold: fc.double(),
        ambiguityMargin: fc.double(),
        seed: fc.nat(),
        timezone: fc.constantFrom('', 'UTC', 'Europe/Paris', 'Mars/Base'),
        hyperParameters: fc.dictionary(junk, fc.double(), { maxKeys: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['name', 'intents'] },
);
const train = fc.record(
  {
    definition: fc.option(definition, { nil: undefined }),
    aliases: fc.array(fc.oneof(fc.constantFrom('production', 'staging'), junk), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const call = (method: string, request: fc.Arbitrary<object>): fc.Arbitrary<FuzzCall> =>
  request.map((value) => ({ method, request: value }));

export const fuzzCall: fc.Arbitrary<FuzzCall> = fc.oneof(
  { weight: 12, arbitrary: call('Predict', predict) },
  { weight: 3, arbitrary: call('PredictBatch', batch) },
  { weight: 1, arbitrary: call('Evaluate', evaluate) },
  { weight: 2, arbitrary: call('Train', train) },
  { weight: 2, arbitrary: call('StartTraining', train) },
  { weight: 1, arbitrary: call('GetJob', fc.record({ jobId })) },
  { weight: 1, arbitrary: call('WatchJob', fc.record({ jobId })) },
  { weight: 1, arbitrary: call('CancelJob', fc.record({ jobId })) },
  { weight: 1, arbitrary: call('GetModel', fc.record({ model })) },
  { weight: 1, arbitrary: call('ListModels', fc.constant({})) },
  {
    weight: 1,
    arbitrary: call(
      'DeleteModel',
      fc.record({
        model: fc.oneof(
          fc.constantFrom('no-such-model', ''),
          junk.filter((id) => id !== MODEL),
        ),
        version: junk,
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: call(
      'SetAlias',
      fc.record({
        model,
        alias: fc.oneof(fc.constantFrom('staging', 'canary'), junk).filter((alias) => alias !== 'production'),
        version: junk,
      }),
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      method: fc.constantFrom(...NLU_METHODS),
      request: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    }),
  },
);
