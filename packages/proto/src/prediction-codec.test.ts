import { loadSync } from '@grpc/proto-loader';
import type { IntentClassifierPrediction } from '@parley/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNluPackage, NLU_PROTO_FILE, PROTO_LOADER_OPTIONS, protoDir } from './load-nlu-package';
import { predictionToWire } from './prediction-wire';
import { nameKey } from './ranking-codec';
import { NLU_SERVICE } from './nlu-service-name';

interface Codec {
  responseSerialize(value: object): Buffer;
  responseDeserialize(bytes: Buffer): object;
}
type Methods = Record<'Predict' | 'PredictBatch' | 'PredictStream', Codec>;

const SERVICE = NLU_SERVICE;
/** Predictions as @parley/proto encodes and decodes them (prediction-codec.ts). */
const fast = loadNluPackage().definition[SERVICE] as unknown as Methods;
/** The same contract through stock proto-loader: what any other client or server does with the bytes. */
const plain = loadSync(NLU_PROTO_FILE, { ...PROTO_LOADER_OPTIONS, includeDirs: [protoDir()] })[SERVICE] as unknown as Methods;

const name = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', 'x'.repeat(200)));
const score = fc.oneof(fc.double(), fc.float().map(Number), fc.constantFrom(0, -0, 1));
const prediction: fc.Arbitrary<IntentClassifierPrediction> = fc.record({
  intent: name,
  score,
  matchedSentence: fc.string(),
  matchedParameters: fc.array(
    fc.record({
      name,
      value: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
      info: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 })),
    }),
    { maxLength: 3 },
  ),
  ranking: fc.array(fc.record({ intent: name, score }), { maxLength: 160 }),
  scope: name,
  modelVersion: fc.string(),
  fallbackReason: fc.constantFrom('NONE', 'LOW_CONFIDENCE', 'AMBIGUOUS', 'NO_INTENTS', 'OUT_OF_VOCABULARY'),
}) as fc.Arbitrary<IntentClassifierPrediction>;

/** Every way the two codecs can meet on the wire decodes to what stock proto-loader alone decodes. */
function expectSameAnswers(method: keyof Methods, message: object): void {
  const expected = plain[method].responseDeserialize(plain[method].responseSerialize(message));
  expect(fast[method].responseDeserialize(fast[method].responseSerialize(message))).toEqual(expected);
  expect(plain[method].responseDeserialize(fast[method].responseSerialize(message))).toEqual(expected);
  expect(fast[method].responseDeserialize(plain[method].responseSerialize(message))).toEqual(expected);
}

const bytes = (...values: number[]): Buffer => Buffer.from(values);
const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];
const double = (value: number): number[] => {
  const buffer = Buffer.alloc(8);
  buffer.writeDoubleLE(value);
  return [...buffer];
};

describe('prediction codec', () => {
  it('Predict: any prediction decodes as stock proto-loader decodes it, whichever side encoded it', () => {
    fc.assert(
      fc.property(prediction, (domain) => expectSameAnswers('Predict', predictionToWire(domain))),
      { numRuns: 300 },
    );
  });

  it('PredictBatch and PredictStream answers carry predictions the same way', () => {
    fc.assert(
      fc.property(fc.array(prediction, { maxLength: 4 }), fc.nat(), (predictions, id) => {
        expectSameAnswers('PredictBatch', { predictions: predictions.map((p) => predictionToWire(p)) });
        if (predictions[0]) expectSameAnswers('PredictStream', { id, prediction: predictionToWire(predictions[0]) });
        expectSameAnswers('PredictStream', { id, error: { code: 5, details: `model ${id} not found` } });
      }),
      { numRuns: 100 },
    );
  });

  it('reads ranking entries whatever their encoder did: fields swapped, repeated or unknown, entries among other fields', () => {
    const entry = (...fields: number[][]): number[] => [0x2a, fields.flat().length, ...fields.flat()];
    const intent = (text: string): number[] => [0x0a, utf8(text).length, ...utf8(text)];
    const score = (value: number): number[] => [0x11, ...double(value)];
    const unknown = [0x18, 0x07, 0x22, 0x01, 0x41];
    const message = bytes(
      ...entry(score(0.25), intent('weather')),
      ...[0x0a, 0x02, ...utf8('hi')],
      ...entry(intent('old'), intent('greet'), score(0.5), ...[unknown]),
      ...entry(),
      ...[0x32, 0x01, 0x2a],
    );
    const expected = plain.Predict.responseDeserialize(message);
    expect(expected).toMatchObject({
      intent: 'hi',
      scope: '*',
      ranking: [
        { intent: 'weather', score: 0.25 },
        { intent: 'greet', score: 0.5 },
        { intent: '', score: 0 },
      ],
    });
    expect(fast.Predict.responseDeserialize(message)).toEqual(expected);
  });

  it('encodes scores given as strings, and missing names and scores, as protobufjs does', () => {
    const ranking = [{ intent: 'a', score: '0.5' }, {}, { intent: 'héllo 👋', score: 2 }];
    expectSameAnswers('Predict', { intent: 'a', ranking });
  });

  it('tells apart names of one length whose cache keys collide', () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined; i += 1) {
      const name = `intent_${String(i).padStart(6, '0')}`;
      const bytes = Buffer.from(name);
      const key = nameKey(bytes, 0, bytes.length);
      const other = seen.get(key);
      if (other !== undefined) pair = [other, name];
      seen.set(key, name);
    }
    const message = {
      intent: pair[0],
      ranking: [
        { intent: pair[0], score: 0.6 },
        { intent: pair[1], score: 0.4 },
      ],
    };
    for (let round = 0; round < 2; round += 1) expectSameAnswers('Predict', message);
    expect((fast.Predict.responseDeserialize(fast.Predict.responseSerialize(message)) as { ranking: unknown[] }).ranking).toEqual(
      message.ranking,
    );
  });

  it('refuses malformed bytes instead of inventing an answer', () => {
    const good = fast.Predict.responseSerialize(
      predictionToWire({
        intent: 'a',
        score: 1,
        matchedSentence: '',
        matchedParameters: [],
        ranking: [{ intent: 'a', score: 1 }],
        scope: '*',
        modelVersion: 'v',
        fallbackReason: 'NONE',
      }),
    );
    expect(() => fast.Predict.responseDeserialize(good.subarray(0, good.length - 3))).toThrow(/runs past the end|cut short/);
    expect(() => fast.Predict.responseDeserialize(bytes(0x2a, 0x03, 0x0a, 0x05, 0x61))).toThrow(/runs past/);
    expect(() => fast.Predict.responseDeserialize(bytes(0x2a, 0x02, 0x0b, 0x00))).toThrow(/wire type 3/);
    expect(() => fast.PredictStream.responseDeserialize(bytes(0x12, 0x7f))).toThrow(/runs past the end/);
  });
});
