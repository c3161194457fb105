/**
 * Predictions to and from bytes for Predict, PredictBatch and PredictStream: the ranking by hand (ranking-codec.ts),
 * every other field by protobufjs. Protobuf lets a message's fields come in any order and a repeated field's entries
 * be spread out, so an encoded message is its other fields (protobufjs) followed by the hand-written ones, and
 * decoding splits any valid encoding the same way. Installed into the loaded package (load-nlu-package.ts), so the
 * NLU service and every client built on @parley/proto use it; other clients decode the same bytes as usual.
 */
import type { MethodDefinition, PackageDefinition, ServiceDefinition } from '@grpc/proto-loader';
import type { IntentClassifierPrediction, IntentClassifierPrediction__Output } from './generated/parley/nlu/v1/IntentClassifierPrediction';
import type { PredictBatchResponse, PredictBatchResponse__Output } from './generated/parley/nlu/v1/PredictBatchResponse';
import type { PredictStreamResponse, PredictStreamResponse__Output } from './generated/parley/nlu/v1/PredictStreamResponse';
import { WIRE_LENGTH_DELIMITED, WireError, WireReader, varintSize, writeVarint } from './protobuf-wire';
import { NLU_SERVICE } from './nlu-service-name';
import { appendRanking, RankingReader, useRankingFields } from './ranking-codec';

/** A field's number as the loaded nlu.proto declares it, so the codec never disagrees with the contract. */
function fieldNumber(definition: PackageDefinition, type: string, field: string): number {
  const descriptor = (definition[`parley.nlu.v1.${type}`] as { type?: { field?: Array<{ name: string; number: number }> } }).type;
  const number = descriptor?.field?.find((entry) => entry.name === field)?.number;
  if (number === undefined) throw new Error(`nlu.proto has no field ${type}.${field}`);
  return number;
}

interface Codec<T, Output> {
  serialize: (value: T) => Buffer;
  deserialize: (bytes: Buffer) => Output;
}

/** The package with Predict's, PredictBatch's and PredictStream's answers encoded and decoded by this module. */
export function withPredictionCodec(definition: PackageDefinition): PackageDefinition {
  const rankingTag = useRankingFields({
    ranking: fieldNumber(definition, 'IntentClassifierPrediction', 'ranking'),
    intent: fieldNumber(definition, 'IntentScore', 'intent'),
    score: fieldNumber(definition, 'IntentScore', 'score'),
  });
  const batchTag = (fieldNumber(definition, 'PredictBatchResponse', 'predictions') << 3) | WIRE_LENGTH_DELIMITED;
  const streamTag = (fieldNumber(definition, 'PredictStreamResponse', 'prediction') << 3) | WIRE_LENGTH_DELIMITED;
  const plain = <T, Output>(type: string) => definition[`parley.nlu.v1.${type}`] as unknown as Codec<T, Output>;
  const prediction = predictionCodec(plain('IntentClassifierPrediction'), rankingTag);
  const batch = batchCodec(prediction, plain('PredictBatchResponse'), batchTag);
  const stream = streamCodec(prediction, plain('PredictStreamResponse'), streamTag);
  const service = definition[NLU_SERVICE] as ServiceDefinition;
  const answers = <T extends object, Output extends object>(method: string, codec: Codec<T, Output>): MethodDefinition<object, object> => {
    const plainMethod = service[method];
    if (plainMethod === undefined) throw new Error(`${NLU_SERVICE}.${method} is not in nlu.proto`);
    // The method's own answer type, which proto-loader's definitions type as object.
    return { ...plainMethod, responseSerialize: codec.serialize, responseDeserialize: codec.deserialize } as unknown as MethodDefinition<
      object,
      object
    >;
  };
  const withCodec: ServiceDefinition = {
    ...service,
    Predict: answers('Predict', prediction),
    PredictBatch: answers('PredictBatch', batch),
    PredictStream: answers('PredictStream', stream),
  };
  return { ...definition, [NLU_SERVICE]: withCodec };
}

function predictionCodec(
  plain: Codec<IntentClassifierPrediction, IntentClassifierPrediction__Output>,
  rankingTag: number,
): Codec<IntentClassifierPrediction, IntentClassifierPrediction__Output> {
  return {
    serialize: (prediction) => appendRanking(plain.serialize({ ...prediction, ranking: [] }), prediction.ranking ?? []),
    deserialize(bytes) {
      const [decoded, ranking] = decodeSplitting(bytes, rankingTag, new RankingReader(bytes).entry, plain.deserialize);
      return Object.assign(decoded, { ranking });
    },
  };
}

function batchCodec(
  prediction: Codec<IntentClassifierPrediction, IntentClassifierPrediction__Output>,
  plain: Codec<PredictBatchResponse, PredictBatchResponse__Output>,
  batchTag: number,
): Codec<PredictBatchResponse, PredictBatchResponse__Output> {
  return {
    serialize: (response) =>
      appendMessages(plain.serialize({ ...response, predictions: [] }), batchTag, (response.predictions ?? []).map(prediction.serialize)),
    deserialize(bytes) {
      const [decoded, predictions] = decodeSplitting(bytes, batchTag, embedded(bytes, prediction.deserialize), plain.deserialize);
      return Object.assign(decoded, { predictions });
    },
  };
}

function streamCodec(
  prediction: Codec<IntentClassifierPrediction, IntentClassifierPrediction__Output>,
  plain: Codec<PredictStreamResponse, PredictStreamResponse__Output>,
  streamTag: number,
): Codec<PredictStreamResponse, PredictStreamResponse__Output> {
  return {
    serialize(response) {
      if (!response.prediction) return plain.serialize(response);
      const head = plain.serialize({ ...response, prediction: null, result: undefined });
      return appendMessages(head, streamTag, [prediction.serialize(response.prediction)]);
    },
    deserialize(bytes) {
      const [decoded, predictions] = decodeSplitting(bytes, streamTag, embedded(bytes, prediction.deserialize), plain.deserialize);
      // A message field sent twice would be merged; no encoder sends one twice, so the last one is the answer.
      const last = predictions.at(-1);
      return last === undefined ? decoded : Object.assign(decoded, { prediction: last, result: 'prediction' as const });
    },
  };
}

/** Reads an embedded message with `deserialize`. */
function embedded<T>(bytes: Buffer, deserialize: (bytes: Buffer) => T): (reader: WireReader, end: number) => T {
  return (reader, end) => {
    const value = deserialize(bytes.subarray(reader.position, end));
    reader.position = end;
    return value;
  };
}

/** `tag`'s values read by `read`, in order, and every other field decoded by protobufjs (`decodeRest`). */
function decodeSplitting<Output, T>(
  bytes: Buffer,
  tag: number,
  read: (reader: WireReader, end: number) => T,
  decodeRest: (rest: Buffer) => Output,
): [Output, T[]] {
  const reader = new WireReader(bytes);
  const values: T[] = [];
  const restParts: Buffer[] = [];
  let restStart = 0;
  while (!reader.done) {
    const fieldStart = reader.position;
    const fieldTag = reader.tag();
    if (fieldTag !== tag) {
      reader.skip(fieldTag % 8);
      continue;
    }
    const end = reader.lengthDelimited();
    if (restStart < fieldStart) restParts.push(bytes.subarray(restStart, fieldStart));
    values.push(read(reader, end));
    if (reader.position !== end) throw new WireError(`field ${tag >>> 3} was not read to its end`);
    restStart = end;
  }
  if (restStart < bytes.length) restParts.push(bytes.subarray(restStart));
  return [decodeRest(restParts.length === 1 ? restParts[0]! : Buffer.concat(restParts)), values];
}

/** `head` followed by each of `messages` as the length-delimited field `tag`. */
function appendMessages(head: Uint8Array, tag: number, messages: readonly Uint8Array[]): Buffer {
  let size = head.length;
  for (const message of messages) size += 1 + varintSize(message.length) + message.length;
  const target = Buffer.allocUnsafe(size);
  target.set(head, 0);
  let at = head.length;
  for (const message of messages) {
    target[at++] = tag;
    at = writeVarint(target, at, message.length);
    target.set(message, at);
    at += message.length;
  }
  return target;
}
